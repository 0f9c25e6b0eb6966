;;; casenote.el --- Casenote case-note checks in Emacs through eglot  -*- lexical-binding: t; -*-

;; Copyright (C) 2026 The Casenote contributors
;; SPDX-License-Identifier: MIT OR Apache-2.0
;; Package-Requires: ((emacs "28.1") (eglot "1.9"))
;; Version: 0.1.0
;; Keywords: languages, text

;;; Commentary:

;; Runs `casenote lsp' as the language server of text and Markdown buffers, so
;; findings appear as Flymake diagnostics as you type, with hovers (eldoc) and
;; quick fixes (M-x eglot-code-actions).  Works with the eglot of Debian 12
;; (elpa-eglot 1.9, Emacs 28.2) and with the eglot built into Emacs 29 and later.
;;
;;   (add-to-list 'load-path "/path/to/casenote/editors/emacs")
;;   (require 'casenote)
;;   (casenote-setup)
;;
;; Settings use the keys of casenote.toml, as a plist:
;;
;;   (setq casenote-settings '(:rules (:long-sentence (:max-words 30))))
;;
;; A casenote.toml in the folder of your notes (or above it) takes priority.
;; Nothing is sent over the network: the server runs on your computer.

;;; Code:

(require 'eglot)
(require 'flymake)
(require 'jsonrpc)
(require 'seq)

(defgroup casenote nil
  "Case-note checks with the Casenote language server."
  :group 'text
  :prefix "casenote-")

(defcustom casenote-program "casenote"
  "The `casenote' program: a name found on `exec-path', or a full path."
  :type 'string)

(defcustom casenote-modes
  '((markdown-mode . "markdown")
    (gfm-mode . "markdown")
    (text-mode . "plaintext"))
  "Major modes Casenote checks, with the LSP language id of each.
The server checks the languages in its `languages' setting
\(by default \"plaintext\" and \"markdown\")."
  :type '(alist :key-type symbol :value-type string))

(defcustom casenote-settings nil
  "Settings sent to the server, with the same keys as casenote.toml.
A plist such as (:rules (:long-sentence (:max-words 30)) :calendar
\(:region \"scotland\")).  Use `:json-false' for false.  A
casenote.toml next to your notes takes priority over these."
  :type 'sexp)

(defun casenote--contact (&optional _interactive)
  "How eglot starts the server: `casenote lsp' with `casenote-settings'."
  (list casenote-program "lsp"
        :initializationOptions
        (list :casenote (or casenote-settings (make-hash-table)))))

(defun casenote--server-programs ()
  "One `eglot-server-programs' entry per mode.
Eglot 1.9 gives a server one language id, so each mode gets its own entry."
  (mapcar (lambda (mode-id)
            (cons (list (car mode-id) :language-id (cdr mode-id))
                  #'casenote--contact))
          casenote-modes))

(defun casenote-maybe-start ()
  "Start eglot with Casenote if this buffer's mode is one of `casenote-modes'.
Only the modes themselves, not modes derived from them (such as Org)."
  (when (and buffer-file-name (assq major-mode casenote-modes))
    (eglot-ensure)))

;;;###autoload
(defun casenote-setup ()
  "Use Casenote as the language server of the modes in `casenote-modes'."
  (interactive)
  ;; Put Casenote first, ahead of other servers for these modes (e.g. marksman).
  (dolist (entry (reverse (casenote--server-programs)))
    (setq eglot-server-programs
          (cons entry (seq-remove (lambda (e) (equal (car e) (car entry)))
                                  eglot-server-programs))))
  (dolist (mode-id casenote-modes)
    (add-hook (intern (format "%s-hook" (car mode-id))) #'casenote-maybe-start)))

(defun casenote--rule-ids-at-point ()
  "The rule ids of the Casenote findings at point."
  (delete-dups
   (delq nil
         (mapcar (lambda (diag)
                   (let* ((data (flymake-diagnostic-data diag))
                          (lsp (and (listp data) (alist-get 'eglot-lsp-diag data)))
                          (code (and lsp (plist-get lsp :code))))
                     (and (equal (plist-get lsp :source) "casenote")
                          (if (stringp code) code (and code (format "%s" code))))))
                 (flymake-diagnostics (point))))))

;;;###autoload
(defun casenote-explain (rule)
  "Show what RULE flags, why it matters and what to write instead.
Interactively, the rule of the finding at point."
  (interactive
   (let ((ids (casenote--rule-ids-at-point)))
     (list (cond ((null ids)
                  (user-error "No Casenote finding at point: move onto an underlined word"))
                 ((null (cdr ids)) (car ids))
                 (t (completing-read "Which rule? " ids nil t))))))
  (let* ((server (eglot--current-server-or-lose))
         (page (jsonrpc-request server :workspace/executeCommand
                                (list :command "casenote.explain"
                                      :arguments (vector rule)))))
    (unless (stringp page)
      (user-error "Casenote has no explanation for `%s'" rule))
    (with-current-buffer (get-buffer-create "*casenote explain*")
      (let ((inhibit-read-only t))
        (erase-buffer)
        (insert page)
        (goto-char (point-min))
        (if (fboundp 'markdown-view-mode) (markdown-view-mode) (view-mode 1)))
      (display-buffer (current-buffer)))))

(provide 'casenote)
;;; casenote.el ends here
