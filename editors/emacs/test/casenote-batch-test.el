;;; casenote-batch-test.el --- Drive eglot + casenote.el headless  -*- lexical-binding: t; -*-

;; emacs --batch -L editors/emacs -l editors/emacs/test/casenote-batch-test.el NOTE SERVER
;;
;; Sets up Casenote exactly as editors/emacs/README.md says, opens NOTE, lets eglot connect
;; to SERVER (`casenote lsp'), waits for Flymake to show the findings and prints one line per
;; finding:  FINDING <rule> <line>:<col>-<line>:<col>  (1-based lines, 0-based columns).
;; Then explains the rule at the first finding and shuts the server down.
;; Exit code 0 when all of that worked; tests/editors_emacs.rs checks the findings.
;; CASENOTE_TEST_SETTINGS, if set, is read as the value of `casenote-settings'.

(require 'cl-lib)
(require 'casenote)

(defun casenote-test--out (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n")))

(defun casenote-test--fail (fmt &rest args)
  (casenote-test--out "FAIL %s" (apply #'format fmt args))
  (kill-emacs 1))

(let* ((note (expand-file-name (pop command-line-args-left)))
       (server (expand-file-name (pop command-line-args-left)))
       (timeout 30)
       (waited 0))
  (setq casenote-program server
        eglot-sync-connect t
        eglot-connect-timeout timeout)
  (let ((settings (getenv "CASENOTE_TEST_SETTINGS")))
    (when (and settings (not (string-empty-p settings)))
      (setq casenote-settings (car (read-from-string settings)))))
  (casenote-setup)
  (find-file note)
  (unless (eq major-mode 'text-mode)
    (casenote-test--fail "%s opened in %s, not text-mode" note major-mode))
  ;; `eglot-ensure' connects after the current command; batch Emacs has no command loop.
  (run-hooks 'post-command-hook)
  (unless (eglot-current-server)
    (casenote-test--fail "eglot did not start %s" server))
  (casenote-test--out "CONNECTED %s" (eglot--language-id (eglot-current-server)))
  (while (and (null (flymake-diagnostics)) (< waited timeout))
    (accept-process-output nil 0.1)
    (setq waited (+ waited 0.1))
    (flymake-start))
  (let ((diags (sort (flymake-diagnostics)
                     (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
    (unless diags
      (casenote-test--fail "no diagnostics after %ss" timeout))
    (dolist (d diags)
      (let ((lsp (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)))
            (beg (flymake-diagnostic-beg d))
            (end (flymake-diagnostic-end d)))
        (casenote-test--out "FINDING %s %d:%d-%d:%d %s"
                            (plist-get lsp :code)
                            (line-number-at-pos beg) (save-excursion (goto-char beg) (current-column))
                            (line-number-at-pos end) (save-excursion (goto-char end) (current-column))
                            (plist-get lsp :source))))
    ;; M-x casenote-explain on the first finding.
    (goto-char (flymake-diagnostic-beg (car diags)))
    (let ((ids (casenote--rule-ids-at-point)))
      (casenote-test--out "AT-POINT %s" (mapconcat #'identity ids ","))
      (casenote-explain (car ids))
      (with-current-buffer "*casenote explain*"
        (casenote-test--out "EXPLAIN %s"
                            (if (save-excursion (goto-char (point-min))
                                                (search-forward "## What it flags" nil t))
                                "ok" "missing")))))
  (let ((proc (jsonrpc--process (eglot-current-server))))
    (eglot-shutdown (eglot-current-server))
    (casenote-test--out "SHUTDOWN %s" (process-status proc)))
  (kill-emacs 0))
