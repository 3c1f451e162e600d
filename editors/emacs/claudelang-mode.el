;;; claudelang-mode.el --- Major mode for ClaudeLang -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, lisp
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; A major mode for ClaudeLang (.cl files): syntax table, font-lock, Lisp-style indentation,
;; comment settings, and the language server through eglot (`claudelang-lsp').
;;
;; Cells: a line starting with ";; %%" starts a cell.  With eglot running,
;;   C-c C-c  run the cell at point      C-c C-a  run the cells above
;;   C-c C-l  run the whole file         C-c C-i  interrupt the kernel
;;   C-c C-k  restart the kernel         C-c C-o  show the kernel's output
;; Values appear at the end of each form's first line ("=> 42"), printed output in the
;; *claudelang-output* buffer, run errors as diagnostics.
;;
;; Setup:
;;   (add-to-list 'load-path "/path/to/claudelang/editors/emacs")
;;   (require 'claudelang-mode)
;;   (add-hook 'claudelang-mode-hook #'eglot-ensure)

;;; Code:

(require 'cl-lib)
(require 'lisp-mode)
(require 'subr-x)
(require 'seq)

(defvar calculate-lisp-indent-last-sexp)
(defvar eglot-server-programs)
(declare-function eglot-current-server "eglot")
(declare-function eglot--capabilities "eglot" (server) t)
(declare-function eglot--path-to-uri "eglot" (path))
(declare-function jsonrpc-async-request "jsonrpc")

(defgroup claudelang nil
  "ClaudeLang support."
  :group 'languages
  :prefix "claudelang-")

(defcustom claudelang-server-command nil
  "Command that starts the ClaudeLang language server, as a list.
nil means `claudelang-lsp --stdio' if it is on `exec-path', else
`claudelang-python' -m claudelang.lsp.main --stdio."
  :type '(choice (const :tag "Automatic" nil) (repeat string)))

(defcustom claudelang-python "python3"
  "Python interpreter with the claudelang package installed."
  :type 'string)

(defcustom claudelang-server-settings
  '(:jit "auto" :contracts t :hotReload "onSave" :allowNetwork :json-false)
  "Settings sent to the server as initializationOptions (under \"claudelang\")."
  :type 'plist)

(defface claudelang-cell-face
  '((t :inherit font-lock-comment-face :weight bold :overline t))
  "Face for cell markers (;; %%).")

(defface claudelang-value-face
  '((t :inherit shadow :slant italic))
  "Face for the values shown after running a cell.")

;;;; Syntax

(defvar claudelang-mode-syntax-table
  (let ((table (make-syntax-table)))
    ;; Symbol constituents: anything but whitespace and ()[]{}";',
    (dolist (c (string-to-list "!#$%&*+-./:<=>?@^_|~"))
      (modify-syntax-entry c "_" table))
    (modify-syntax-entry ?\( "()" table)
    (modify-syntax-entry ?\) ")(" table)
    (modify-syntax-entry ?\[ "(]" table)
    (modify-syntax-entry ?\] ")[" table)
    (modify-syntax-entry ?\{ "(}" table)
    (modify-syntax-entry ?\} "){" table)
    (modify-syntax-entry ?\; "<" table)
    (modify-syntax-entry ?\n ">" table)
    (modify-syntax-entry ?\" "\"" table)
    (modify-syntax-entry ?\\ "\\" table)
    (modify-syntax-entry ?' "'" table)
    (modify-syntax-entry ?, " " table) ; commas are whitespace
    (modify-syntax-entry ?\t " " table)
    (modify-syntax-entry ?\f " " table)
    table)
  "Syntax table for `claudelang-mode'.")

(defconst claudelang-special-forms
  '("define" "lambda" "let" "let*" "letrec" "if" "cond" "when" "unless" "and" "or" "do"
    "begin" "set!" "while" "quote" "match" "data" ":" "try" "catch" "finally" "effect"
    "handler" "spec:contract" "module" "export" "import" "else")
  "Special forms (LANGUAGE.md §3).")

(defconst claudelang--symbol-end "\\(?:[][(){}\";',[:space:]]\\|$\\)")

(defvar claudelang-font-lock-keywords
  `(;; ;; %% cell markers
    ("^;;[ \t]*%%.*$" 0 'claudelang-cell-face t)
    ;; (define (name ...) / (define name
    ("(\\(define\\)[ \t\n]+(?\\([^][(){}\";',[:space:]]+\\)"
     (1 font-lock-keyword-face) (2 font-lock-function-name-face))
    ("(\\(data\\)[ \t\n]+\\([^][(){}\";',[:space:]]+\\)"
     (1 font-lock-keyword-face) (2 font-lock-type-face))
    ("(\\(module\\)[ \t\n]+\\([^][(){}\";',[:space:]]+\\)"
     (1 font-lock-keyword-face) (2 font-lock-constant-face))
    ("(\\(spec:contract\\)[ \t\n]+\\([^][(){}\";',[:space:]]+\\)"
     (1 font-lock-keyword-face) (2 font-lock-function-name-face))
    (,(concat "(\\(" (regexp-opt claudelang-special-forms) "\\)" claudelang--symbol-end)
     1 font-lock-keyword-face)
    ;; effect operations: io:print, random:int ...
    ("\\_<[a-z][a-z0-9-]*:[^][(){}\";',[:space:]]+" 0 font-lock-builtin-face)
    ;; :keywords
    ("\\_<:[^][(){}\";',[:space:]]+" 0 font-lock-constant-face)
    ;; #t #f true false nil
    ("\\_<\\(?:#t\\|#f\\|true\\|false\\|nil\\)\\_>" 0 font-lock-constant-face)
    ;; Constructors
    ("\\_<[A-Z][^][(){}\";',[:space:]]*" 0 font-lock-type-face)
    ;; numbers
    ("\\_<[+-]?[0-9]+\\(?:\\.[0-9]*\\)?\\(?:[eE][+-]?[0-9]+\\)?\\_>" 0 font-lock-constant-face))
  "Font-lock keywords for `claudelang-mode'.")

;;;; Indentation

(defvar claudelang-indent-specs
  '(("define" . 1) ("lambda" . 1) ("let" . claudelang--indent-let) ("let*" . 1) ("letrec" . 1)
    ("when" . 1) ("unless" . 1) ("while" . 1) ("match" . 1) ("catch" . 1) ("handler" . 1)
    ("module" . 2) ("data" . 1) ("spec:contract" . 1) ("try" . 0) ("finally" . 0)
    ("do" . 0) ("begin" . 0) ("cond" . 0) ("if" . 4))
  "How the body of each form is indented, as in `lisp-indent-function' specs.
An integer N: N distinguished arguments, then the body indented by 2.
A function is called like `lisp-indent-function'.
\"if\" uses 4 so that then/else align.")

(defun claudelang--indent-let (state indent-point normal-indent)
  "Indent a let or named let (STATE INDENT-POINT NORMAL-INDENT as usual)."
  (let ((count (save-excursion
                 (goto-char (1+ (nth 1 state)))
                 (forward-sexp 1)
                 (skip-chars-forward " \t")
                 (if (looking-at "[[(]") 1 2))))
    (lisp-indent-specform count state indent-point normal-indent)))

(defun claudelang-indent-function (indent-point state)
  "`lisp-indent-function' for ClaudeLang, with INDENT-POINT and STATE."
  (let ((normal-indent (current-column)))
    (goto-char (1+ (elt state 1)))
    (parse-partial-sexp (point) calculate-lisp-indent-last-sexp 0 t)
    (if (and (elt state 2)
             (not (looking-at "\\sw\\|\\s_")))
        ;; First element is not a symbol: align with it (vectors, maps, lists of data).
        (progn
          (if (not (> (save-excursion (forward-line 1) (point))
                      calculate-lisp-indent-last-sexp))
              (progn (goto-char calculate-lisp-indent-last-sexp)
                     (beginning-of-line)
                     (parse-partial-sexp (point) calculate-lisp-indent-last-sexp 0 t)))
          (backward-prefix-chars)
          (current-column))
      (let* ((head (buffer-substring-no-properties
                    (point) (progn (forward-sexp 1) (point))))
             (spec (cdr (assoc head claudelang-indent-specs))))
        (cond ((not (eq (char-after (elt state 1)) ?\())
               ;; [ ... ] and { ... }: data, aligned with the first element
               (goto-char (1+ (elt state 1)))
               (skip-chars-forward " \t")
               (if (eolp) (1+ (save-excursion (goto-char (elt state 1)) (current-column)))
                 (current-column)))
              ((integerp spec)
               (lisp-indent-specform spec state indent-point normal-indent))
              ((functionp spec)
               (funcall spec state indent-point normal-indent))
              ((string-match-p "\\`def" head)
               (lisp-indent-defform state indent-point))
              (t nil))))))

;;;; Cells and the kernel

(defconst claudelang-cell-regexp "^;;[ \t]*%%"
  "A line starting a cell (LANGUAGE.md §9).")

(defvar-local claudelang--value-overlays nil)
(defvar claudelang-kernel-state nil "The last kernel state the server reported.")
(defvar claudelang-last-result nil "The last result of a run command.")

(defun claudelang--server ()
  (unless (fboundp 'eglot-current-server)
    (user-error "ClaudeLang: eglot is not loaded"))
  (or (eglot-current-server)
      (user-error "ClaudeLang: no language server in this buffer (M-x eglot)")))

(defun claudelang--uri ()
  (eglot--path-to-uri (buffer-file-name)))

(defun claudelang--line ()
  "The 0-based line of point."
  (1- (line-number-at-pos)))

(defun claudelang--advertised-p (server command)
  (let* ((caps (eglot--capabilities server))
         (provider (plist-get caps :executeCommandProvider))
         (commands (and (listp provider) (plist-get provider :commands))))
    (seq-contains-p commands command #'equal)))

(defun claudelang-clear-values ()
  "Remove the values shown in this buffer."
  (interactive)
  (mapc #'delete-overlay claudelang--value-overlays)
  (setq claudelang--value-overlays nil))

(defun claudelang--show-values (buffer result)
  (with-current-buffer buffer
    (dolist (item (append (plist-get result :values) nil))
      (let ((line (plist-get item :line)))
        (when (and (integerp line) (< line (count-lines (point-min) (point-max))))
          (save-excursion
            (goto-char (point-min))
            (forward-line line)
            (let ((eol (line-end-position)))
              (dolist (ov (overlays-in eol eol))
                (when (overlay-get ov 'claudelang-value)
                  (delete-overlay ov)
                  (setq claudelang--value-overlays (delq ov claudelang--value-overlays))))
              (let ((ov (make-overlay eol eol nil t nil)))
                (overlay-put ov 'claudelang-value (plist-get item :value))
                (overlay-put ov 'after-string
                             (propertize (format "  => %s" (plist-get item :value))
                                         'face 'claudelang-value-face))
                (push ov claudelang--value-overlays)))))))))

(defun claudelang-shown-values ()
  "The values shown in this buffer as (LINE . VALUE), LINE 0-based."
  (sort (mapcar (lambda (ov)
                  (cons (1- (line-number-at-pos (overlay-start ov)))
                        (overlay-get ov 'claudelang-value)))
                claudelang--value-overlays)
        (lambda (a b) (< (car a) (car b)))))

(defun claudelang--output-buffer ()
  (get-buffer-create "*claudelang-output*"))

(defun claudelang--append-output (text)
  (with-current-buffer (claudelang--output-buffer)
    (let ((inhibit-read-only t))
      (goto-char (point-max))
      (insert text))))

(defun claudelang-show-output ()
  "Show the kernel's output."
  (interactive)
  (display-buffer (claudelang--output-buffer)))

(defun claudelang-execute (command arguments &optional callback)
  "Send COMMAND with ARGUMENTS (a vector) to the server.
CALLBACK, if given, is called with the result."
  (let* ((server (claudelang--server))
         (buffer (current-buffer)))
    (unless (claudelang--advertised-p server command)
      (user-error "ClaudeLang: this language server has no %s command" command))
    (jsonrpc-async-request
     server :workspace/executeCommand `(:command ,command :arguments ,arguments)
     :timeout 600
     :success-fn (lambda (result)
                   (setq claudelang-last-result result)
                   (when (and (listp result) (plist-member result :values))
                     (claudelang--show-values buffer result))
                   (let ((error (and (listp result) (plist-get result :error))))
                     (when (and error (listp error))
                       (claudelang--append-output
                        (concat (or (plist-get error :report) (plist-get error :message)) "\n"))
                       (message "ClaudeLang: %s" (plist-get error :message))))
                   (when callback (funcall callback result)))
     :error-fn (lambda (err)
                 (message "ClaudeLang: %s failed: %S" command err)
                 (when callback (funcall callback (list :failed err)))))))

(defun claudelang-run-cell (&optional callback)
  "Run the cell at point in the kernel."
  (interactive)
  (claudelang-execute "claudelang.runCell" (vector (claudelang--uri) (claudelang--line)) callback))

(defun claudelang-run-above (&optional callback)
  "Run every cell above the one at point."
  (interactive)
  (claudelang-execute "claudelang.runAbove" (vector (claudelang--uri) (claudelang--line)) callback))

(defun claudelang-run-file (&optional callback)
  "Run the whole file."
  (interactive)
  (claudelang-clear-values)
  (claudelang-execute "claudelang.runFile" (vector (claudelang--uri)) callback))

(defun claudelang-interrupt (&optional callback)
  "Interrupt the running code."
  (interactive)
  (claudelang-execute "claudelang.interrupt" (vector (claudelang--uri)) callback))

(defun claudelang-restart-kernel (&optional callback)
  "Restart the kernel (all definitions are lost)."
  (interactive)
  (claudelang-clear-values)
  (claudelang-execute "claudelang.restartKernel" (vector (claudelang--uri)) callback))

(defun claudelang-next-cell (&optional n)
  "Move to the start of the next N cells."
  (interactive "p")
  (end-of-line)
  (re-search-forward claudelang-cell-regexp nil 'move (or n 1))
  (beginning-of-line))

(defun claudelang-previous-cell (&optional n)
  "Move to the start of the previous N cells."
  (interactive "p")
  (beginning-of-line)
  (re-search-backward claudelang-cell-regexp nil 'move (or n 1)))

(defvar claudelang-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-c") #'claudelang-run-cell)
    (define-key map (kbd "C-c C-a") #'claudelang-run-above)
    (define-key map (kbd "C-c C-l") #'claudelang-run-file)
    (define-key map (kbd "C-c C-i") #'claudelang-interrupt)
    (define-key map (kbd "C-c C-k") #'claudelang-restart-kernel)
    (define-key map (kbd "C-c C-o") #'claudelang-show-output)
    (define-key map (kbd "C-c C-n") #'claudelang-next-cell)
    (define-key map (kbd "C-c C-p") #'claudelang-previous-cell)
    map)
  "Keymap for `claudelang-mode'.")

;;;; The mode

(defun claudelang--mode-line ()
  (if claudelang-kernel-state (format " [%s]" claudelang-kernel-state) ""))

;;;###autoload
(define-derived-mode claudelang-mode prog-mode "ClaudeLang"
  "Major mode for ClaudeLang files.

\\{claudelang-mode-map}"
  :syntax-table claudelang-mode-syntax-table
  (setq-local comment-start ";; ")
  (setq-local comment-start-skip ";+[ \t]*")
  (setq-local comment-end "")
  (setq-local comment-add 1)
  (setq-local comment-use-syntax t)
  (setq-local indent-tabs-mode nil)
  (setq-local indent-line-function #'lisp-indent-line)
  (setq-local lisp-indent-function #'claudelang-indent-function)
  (setq-local parse-sexp-ignore-comments t)
  (setq-local font-lock-defaults '(claudelang-font-lock-keywords nil nil nil))
  (setq-local outline-regexp ";;[ \t]*%%")
  (setq-local imenu-generic-expression
              '(("Cells" "^;;[ \t]*%%[ \t]*\\(.+\\)$" 1)
                (nil "^(define[ \t\n]+(?\\([^][(){}\";',[:space:]]+\\)" 1)))
  (setq-local mode-line-process '(:eval (claudelang--mode-line))))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.cl\\'" . claudelang-mode))

;;;; eglot

(defun claudelang-server-contact (&optional _interactive)
  "The eglot contact for the ClaudeLang server, with initializationOptions."
  (append (or claudelang-server-command
              (if (executable-find "claudelang-lsp")
                  (list "claudelang-lsp" "--stdio")
                (list claudelang-python "-m" "claudelang.lsp.main" "--stdio")))
          (list :initializationOptions (list :claudelang claudelang-server-settings))))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(claudelang-mode . claudelang-server-contact))

  (cl-defmethod eglot-handle-notification
    (_server (_method (eql claudelang/output)) &key text &allow-other-keys)
    "Text the kernel printed."
    (when (stringp text) (claudelang--append-output text)))

  (cl-defmethod eglot-handle-notification
    (_server (_method (eql claudelang/kernelState)) &key state &allow-other-keys)
    "The kernel's state: idle, busy, dead or starting."
    (setq claudelang-kernel-state state)
    (force-mode-line-update t)))

(provide 'claudelang-mode)
;;; claudelang-mode.el ends here
