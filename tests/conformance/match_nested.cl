;; Patterns nest: constructors in lists in constructors, literals inside.
(data Option a (None) (Some a))
(data Expr (Num n) (Add l r) (Mul l r) (Neg e))
(define (eval-expr e)
  (match e
    ((Num n) n)
    ((Add l r) (+ (eval-expr l) (eval-expr r)))
    ((Mul (Num 0) _) 0)
    ((Mul l r) (* (eval-expr l) (eval-expr r)))
    ((Neg (Neg inner)) (eval-expr inner))
    ((Neg x) (- (eval-expr x)))))
(io:print (eval-expr (Add (Num 1) (Mul (Num 2) (Num 3)))) (eval-expr (Neg (Neg (Num 4)))) (eval-expr (Neg (Num 4))))
; expect: 7 4 -4
(io:print (match (Some [1 (Some 2)]) ((Some [a (Some b)]) (+ a b))))
; expect: 3
(io:print (match [(Some 1) None (Some 3)] ([(Some a) None (Some c)] (* a c))))
; expect: 3
(io:print (match [1 [2 [3 "deep"]]] ([1 [_ [3 s]]] s)))
; expect: deep
(io:print (match {:a 1} ([] :list) ((Some x) :some) (m :other)))
; expect: :other
