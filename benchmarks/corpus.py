"""Realistic ClaudeLang source of any size, shared by the benchmarks."""

from __future__ import annotations

UNIT = """;; %% Section {n}: list utilities and a small interpreter
(define (sum-squares-{n} xs)
  ; the sum of the squares of the even numbers
  (fold (lambda (acc x) (+ acc (* x x))) 0 (filter even? xs)))

(define (quicksort-{n} lst)
  (if (empty? lst)
      []
      (let ((pivot (head lst)) (rest (tail lst)))
        (append (quicksort-{n} (filter (lambda (x) (< x pivot)) rest))
                [pivot]
                (quicksort-{n} (filter (lambda (x) (>= x pivot)) rest))))))

(data Expr-{n} (Num value) (Add left right) (Mul left right))

(define (evaluate-{n} e)
  (match e
    ((Num v) v)
    ((Add l r) (+ (evaluate-{n} l) (evaluate-{n} r)))
    ((Mul l r) (* (evaluate-{n} l) (evaluate-{n} r)))))

(spec:contract safe-div-{n} :requires [(!= y 0)] :ensures [(number? result)])
(define (safe-div-{n} x y) (/ x y))

(define config-{n} {{"name" "unit-{n}" :size {n} :tags ["a" "b" "c"]}})
(io:print "unit" {n} (sum-squares-{n} (range 10)) (evaluate-{n} (Add (Num 1) (Mul (Num 2) (Num 3)))))
"""


def realistic_source(size: int) -> str:
    """About `size` bytes of varied, valid ClaudeLang."""
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        chunk = UNIT.format(n=n)
        parts.append(chunk)
        total += len(chunk.encode())
        n += 1
    return "\n".join(parts)
