;; Transactions over the keyed store: a bank transfer that rolls back when it fails.
;; begin snapshots the store, commit keeps the changes, rollback restores the snapshot.

(state:set "accounts" {:alice 100 :bob 50})

(define (balance who) (dict-get (state:get "accounts") who))

(define (withdraw! who amount)
  (when (> amount (balance who))
    (error "insufficient funds" {:who who :amount amount}))
  (state:update "accounts" (lambda (accts) (dict-set accts who (- (dict-get accts who) amount)))))

(define (deposit! who amount)
  (state:update "accounts" (lambda (accts) (dict-set accts who (+ (dict-get accts who) amount)))))

(define (transfer! from to amount)
  (state:begin-transaction)
  (try
    (do
      (deposit! to amount)
      (withdraw! from amount)
      (state:commit-transaction)
      "ok")
    (catch (err)
      (state:rollback-transaction)
      (str "failed: " (error-message err)))))

(io:print (transfer! :alice :bob 30) (balance :alice) (balance :bob))
; expect: ok 70 80
(io:print (transfer! :bob :alice 500) (balance :alice) (balance :bob))
; expect: failed: insufficient funds 70 80

;; Transactions nest: an inner rollback keeps the outer changes;
;; an outer rollback undoes everything inside it, committed or not.
(state:set "log" [])
(define (log! msg) (state:update "log" (lambda (l) (append l [msg]))))

(state:begin-transaction)
(log! "outer")
(state:begin-transaction)
(log! "inner, rolled back")
(state:rollback-transaction)
(state:begin-transaction)
(log! "inner, committed")
(state:commit-transaction)
(io:print (state:get "log"))
; expect: ["outer" "inner, committed"]
(state:rollback-transaction)
(io:print (state:get "log"))
; expect: []

;; Closing a transaction that is not open is an error
(io:print (try (state:commit-transaction) (catch (err) (error-message err))))
; expect: state:commit-transaction: no transaction is open (start one with state:begin-transaction)
