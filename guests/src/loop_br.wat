;; loop_br: infinite loop whose back edge is an unconditional `br`.
;; No imports, one exported memory page; _start never returns. Prints nothing.
(module
  (memory (export "memory") 1)
  (global $counter (mut i32) (i32.const 0))
  (func $_start (export "_start")
    (loop $again
      (global.set $counter (i32.add (global.get $counter) (i32.const 1)))
      (br $again))))
