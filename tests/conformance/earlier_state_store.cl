;; The keyed state store of earlier releases: a user registry kept under names.
;; A string, keyword or symbol names the same entry; a missing key reads as nil.

(io:print "Initial users:" (state:get "users"))
; expect: Initial users: nil

(state:set "users" [])
(state:set :next-id 1)

(define (add-user! name)
  (let ((id (state:get :next-id)))
    (state:update "users" (lambda (users) (append users [{:id id :name name}])))
    (state:update :next-id (lambda (n) (+ n 1)))
    id))

(add-user! "alice")
(add-user! "bob")
(io:print "Users:" (map (lambda (u) (dict-get u :name)) (state:get 'users)))
; expect: Users: ["alice" "bob"]
(io:print "Next id:" (state:get "next-id"))
; expect: Next id: 3

;; state:set returns the value it replaces
(io:print "Old counter:" (state:set "counter" 10) "then" (state:set "counter" 20))
; expect: Old counter: nil then 10
(io:print "Counter:" (state:update "counter" (lambda (c) (* c 2))))
; expect: Counter: 40

;; state:delete removes an entry and returns what it held
(io:print "Deleted:" (state:delete "counter") "now:" (state:get "counter"))
; expect: Deleted: 40 now: nil

;; a handler sees keyed operations as state effects, like any other
(define seen
  (handler ((state (lambda (op key ..._rest) (str op " " key))))
    [(state:get "users") (state:set :mode "test") (state:delete 'users)]))
(io:print seen)
; expect: ["get users" "set :mode" "delete users"]
(io:print "Users untouched:" (length (state:get "users")) (state:get :mode))
; expect: Users untouched: 2 nil
