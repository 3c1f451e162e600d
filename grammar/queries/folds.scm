; Every collection that spans several lines can be folded.
[
  (list)
  (vector)
  (map)
] @fold
