;; Nested named lets, each with its own loop name; an inner loop may reuse the outer name.
(define (table n)
  (let rows ((r 1) (out []))
    (if (> r n)
        out
        (rows (+ r 1) (append out [(let cols ((c 1) (row [])) (if (> c n) row (cols (+ c 1) (append row [(* r c)]))))])))))
(io:print (table 3))
; expect: [[1 2 3] [2 4 6] [3 6 9]]
(io:print (let loop ((i 0) (acc 0)) (if (= i 3) acc (loop (+ i 1) (+ acc (let loop ((j 0) (s 0)) (if (= j i) s (loop (+ j 1) (+ s 1)))))))))
; expect: 3
