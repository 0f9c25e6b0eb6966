//! Shared cue lexicons for the rules that read a note as a record (who is mentioned, what
//! counts as the child's voice, ...). Filled in by those rules.
