;; Every name of LANGUAGE.md §8 and every effect op of §5 is bound; all but pi and e are functions.
(define stdlib
  [list cons head tail first second last rest nth length empty? null? append concat reverse range
   map filter fold foldr reduce map-indexed for-each take drop zip list-zip sort list-sort sort-by
   any? all? find list-find index-of list-unique flatten list-partition group-by chunk
   sliding-window sum product min max member? car cdr tuple identity compose partial apply memoize
   string-length substring string-split string-join string-trim string-upper string-lower
   string-upcase string-downcase string-contains? string-starts-with? string-ends-with?
   string-replace string->list list->string to-string string->number string-concat string-append
   abs floor ceil round sqrt pow exp log sin cos tan atan atan2 pi e gcd lcm factorial mean clamp
   even? odd? zero? positive? negative? quot mod % dict-new dict-get dict-get-or dict-set
   dict-remove dict-has? dict-keys dict-values dict-items dict-size dict-merge set-new
   set-from-list set-add set-has? set-union set-intersection set-difference set-to-list number?
   int? float? string? bool? boolean? list? map? function? nil? keyword? symbol? error? sorted?
   not not= implies error-message error-data json-parse json-stringify datetime:now
   datetime:iso-format datetime:year datetime:month datetime:day datetime:add-days])
(io:print (length stdlib) (length (filter function? stdlib)))
; expect: 147 145
(define effect-ops [io:print print io:read-line io:read-file io:write-file state:new state:get state:set state:update error:raise error time:now time:sleep time:measure random:int random:float random:choice random:seed network:get])
(io:print (length effect-ops) (all? function? effect-ops))
; expect: 19 #t
