;; A constructor pattern also matches a tuple whose first element is the constructor's name.
(data Option a (None) (Some a))
(io:print (match (tuple "Some" 3) ((Some v) v)))
; expect: 3
(io:print (match (tuple "None") ((Some v) v) ((None) :none)))
; expect: :none
(io:print (match (tuple "Pair" 1 2) ((Pair a b) (+ a b))))
; expect: 3
(io:print (match (tuple "Some" 1 2) ((Some v) :one-field) (_ :wrong-size)))
; expect: :wrong-size
(io:print (match (tuple :Some 1) ((Some v) :keyword-name) (_ :name-must-be-a-string)))
; expect: :name-must-be-a-string
