//! The language server front end (`casenote lsp`).
