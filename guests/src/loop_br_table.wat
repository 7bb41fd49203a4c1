;; loop_br_table: infinite loop whose back edge is a `br_table` (every target is the loop).
;; No imports, one exported memory page; _start never returns. Prints nothing.
(module
  (memory (export "memory") 1)
  (func $_start (export "_start")
    (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_table $again $again $again (i32.and (local.get $i) (i32.const 3))))))
