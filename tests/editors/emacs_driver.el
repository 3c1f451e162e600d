;;; emacs_driver.el --- drive Emacs + eglot through claudelang-mode -*- lexical-binding: t; -*-

;; CLAUDELANG_EMACS_DIR=editors/emacs emacs --batch -Q -l tests/editors/emacs_driver.el
;;
;; Environment: CLAUDELANG_FILE (the .cl file to open), CLAUDELANG_RESULTS (output JSON),
;; CLAUDELANG_PYTHON (interpreter with claudelang installed), CLAUDELANG_EMACS_DIR (the
;; folder the README's `use-package' form loads claudelang-mode from).  Everything recorded
;; is what Emacs received: flymake diagnostics, eglot's completion table, the buffer after xref,
;; rename and formatting, the overlays and output buffer after running a cell.

(require 'package)
;; Debian's elpa-eglot lives in /usr/share/emacs/site-lisp/elpa, which -Q leaves out.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'json)
(require 'eglot)
(require 'flymake)
(require 'xref)
(require 'use-package)
;; The README's `use-package' form, without its `eglot-ensure' hook (which waits for a command
;; that batch mode never runs: the "attach" step starts eglot itself).  Loading is deferred
;; until a .cl file is opened.
(eval `(use-package claudelang-mode
         :load-path ,(getenv "CLAUDELANG_EMACS_DIR")
         :mode ("\\.cl\\'" . claudelang-mode)))

(defvar driver-results nil)
(defvar driver-errors nil)
(defvar driver-steps nil)
(defconst driver-timeout 30)

(defun driver-put (key value)
  (setq driver-results (plist-put driver-results key value)))

(defmacro driver-step (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body (push (cons ,name t) driver-steps))
     (error (push (cons ,name :json-false) driver-steps)
            (push (cons ,name (format "%S" err)) driver-errors))))

(defun driver-wait (predicate &optional seconds)
  "Pump events until PREDICATE returns non-nil, or fail after SECONDS."
  (let ((deadline (+ (float-time) (or seconds driver-timeout))))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (sit-for 0.01 t))
    (or (funcall predicate) (error "Timed out"))))

(defun driver-goto (line col)
  "Go to 0-based LINE and COL."
  (goto-char (point-min))
  (forward-line line)
  (forward-char col))

(defun driver-lines ()
  (split-string (buffer-substring-no-properties (point-min) (point-max)) "\n"))

(setq claudelang-python (or (getenv "CLAUDELANG_PYTHON") "python3"))
(setq claudelang-server-settings '(:jit "off" :contracts t :hotReload "onSave" :allowNetwork :json-false))
(setq eglot-sync-connect driver-timeout)
(setq eglot-autoshutdown t)
(setq eglot-confirm-server-initiated-edits nil)

(driver-put :loaded_before_find_file (if (featurep 'claudelang-mode) t :json-false))
(find-file (getenv "CLAUDELANG_FILE"))
(driver-put :mode (symbol-name major-mode))
(driver-put :symbol_at_point
            (save-excursion (driver-goto 4 3) (thing-at-point 'symbol t))) ; inside io:print
(driver-put :comment_start comment-start)

(driver-step "attach"
  ;; `eglot-ensure' waits for the next command, which batch mode never runs.
  (apply #'eglot (eglot--guess-contact))
  (driver-wait (lambda () (and (eglot-current-server) (eglot-managed-p))))
  (let* ((server (eglot-current-server))
         (provider (plist-get (eglot--capabilities server) :executeCommandProvider)))
    (driver-put :server_commands (vconcat (plist-get provider :commands)))))

(driver-step "diagnostics"
  (flymake-start)
  (driver-wait (lambda () (flymake-diagnostics)))
  (driver-put :diagnostics
              (vconcat (mapcar (lambda (d)
                                 (list :line (1- (line-number-at-pos (flymake-diagnostic-beg d)))
                                       :type (symbol-name (flymake-diagnostic-type d))
                                       :text (flymake-diagnostic-text d)))
                               (flymake-diagnostics)))))

(driver-step "hover"
  (driver-goto 5 2)
  (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover
                                (eglot--TextDocumentPositionParams))))
    (driver-put :hover (let ((contents (plist-get hover :contents)))
                         (if (stringp contents) contents (plist-get contents :value))))))

(driver-step "completion"
  (driver-goto 5 3)                     ; after "(ad"
  (let* ((capf (eglot-completion-at-point))
         (start (nth 0 capf))
         (table (nth 2 capf)))
    (driver-put :completion_prefix (buffer-substring-no-properties start (point)))
    (driver-put :completion (vconcat (all-completions (buffer-substring-no-properties start (point)) table)))))

(driver-step "definition"
  (driver-goto 8 16)                    ; the `add' in (define total (add ...
  (xref-find-definitions (xref-backend-identifier-at-point (xref-find-backend)))
  (driver-put :definition (list :line (1- (line-number-at-pos)) :col (current-column)
                                :file (buffer-file-name))))

(driver-step "rename"
  (driver-goto 5 2)
  (eglot-rename "plus")
  (driver-put :after_rename (vconcat (driver-lines))))

(driver-step "formatting"
  (eglot-format-buffer)
  (driver-put :after_formatting (vconcat (driver-lines))))

(driver-step "run_cell"
  (let ((advertised (seq-contains-p (plist-get driver-results :server_commands) "claudelang.runCell")))
    (driver-put :run_cell_advertised (if advertised t :json-false))
    (when advertised
      (let ((done nil) (response nil))
        (driver-goto 2 0)                 ; inside the "Helpers" cell
        (claudelang-run-cell (lambda (result) (setq done t response result)))
        (driver-wait (lambda () done) 60)
        (driver-wait (lambda () (> (buffer-size (get-buffer-create "*claudelang-output*")) 0)) 5)
        (driver-put :run_response response)
        (driver-put :shown_values
                    (vconcat (mapcar (lambda (cell) (list :line (car cell) :value (cdr cell)))
                                     (claudelang-shown-values))))
        (driver-put :output (with-current-buffer "*claudelang-output*" (buffer-string)))
        (driver-put :kernel_state claudelang-kernel-state)))))

(driver-step "interrupt"
  (when (seq-contains-p (plist-get driver-results :server_commands) "claudelang.interrupt")
    (let ((done nil))
      (claudelang-interrupt (lambda (result) (setq done t) (driver-put :interrupt result)))
      (driver-wait (lambda () done)))))

(driver-put :steps driver-steps)
(driver-put :errors driver-errors)
(with-temp-file (getenv "CLAUDELANG_RESULTS")
  (let ((json-encoding-pretty-print t))
    (insert (json-encode driver-results))))
(ignore-errors (eglot-shutdown (eglot-current-server)))
(kill-emacs 0)
