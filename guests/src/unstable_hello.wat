;; unstable_hello: imports the older `wasi_unstable` module (not wasi_snapshot_preview1),
;; for hosts that serve both. Prints "hello from wasi_unstable\n" with fd_write and exits
;; with proc_exit(0). One memory page.
(module
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 0x100) "hello from wasi_unstable\n")
  (func $_start (export "_start")
    (i32.store (i32.const 0x10) (i32.const 0x100))
    (i32.store (i32.const 0x14) (i32.const 25))
    (drop (call $fd_write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20)))
    (call $proc_exit (i32.const 0))))
