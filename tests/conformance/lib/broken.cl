;; Fixture: a module whose body fails while loading.
(module broken (export nothing)
  (define nothing (car [])))
