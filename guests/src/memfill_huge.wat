;; build-flags: --enable-bulk-memory
;; memfill_huge: bulk-memory instructions whose length overflows 32-bit bounds checks.
;; Chicory 1.7.5 checks `addr + size > limit` in int arithmetic and throws a raw
;; NullPointerException here; a correct host turns every mode below into a trap.
;;
;;   memfill_huge [MODE]      MODE (default fill):
;;     fill       memory.fill dst=0x100 val=0 len=0x7FFFFFF0        -> trap
;;     copy       memory.copy dst=0x100 src=0x200 len=0x7FFFFFF0    -> trap
;;     copy-src   memory.copy dst=0x100 src=0xFFFFFF00 len=0x200    -> trap (source wraps)
;;     fill-wrap  memory.fill dst=0xFFFFFFF0 len=0x20               -> trap (dst + len wraps)
;;     fill-ok    memory.fill dst=0x100 len=0x100                   -> no trap
;; Output: nothing before the operation; "no trap\n" on stdout if it returns, then exit 0.
;; An unknown MODE prints "unknown mode\n" and exits 2. One page of memory.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)

  ;; layout: 0x000 argc, 0x004 argv buf size, 0x010 iovec, 0x020 nwritten,
  ;;         0x400..0x4FF argv pointers (max 64), 0x800..0xFFF argv strings (max 2 KiB),
  ;;         0x1000.. string literals
  (data (i32.const 0x1000) "fill\00")
  (data (i32.const 0x1010) "copy\00")
  (data (i32.const 0x1020) "copy-src\00")
  (data (i32.const 0x1030) "fill-wrap\00")
  (data (i32.const 0x1040) "fill-ok\00")
  (data (i32.const 0x1100) "no trap\n")
  (data (i32.const 0x1110) "unknown mode\n")

  ;; writes len bytes at ptr to stdout
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0x10) (local.get $ptr))
    (i32.store (i32.const 0x14) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0x10) (i32.const 1) (i32.const 0x20))))

  ;; 1 if the NUL-terminated strings at $a and $b are equal
  (func $streq (param $a i32) (param $b i32) (result i32)
    (local $ca i32)
    (loop $next
      (local.set $ca (i32.load8_u (local.get $a)))
      (if (i32.ne (local.get $ca) (i32.load8_u (local.get $b)))
        (then (return (i32.const 0))))
      (if (i32.eqz (local.get $ca)) (then (return (i32.const 1))))
      (local.set $a (i32.add (local.get $a) (i32.const 1)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $next))
    (i32.const 0))

  ;; address of argv[1], or of "fill" when there is no usable argument
  (func $mode (result i32)
    (if (call $args_sizes_get (i32.const 0) (i32.const 4)) (then (return (i32.const 0x1000))))
    (if (i32.lt_u (i32.load (i32.const 0)) (i32.const 2)) (then (return (i32.const 0x1000))))
    (if (i32.gt_u (i32.load (i32.const 0)) (i32.const 64)) (then (return (i32.const 0x1000))))
    (if (i32.gt_u (i32.load (i32.const 4)) (i32.const 2048)) (then (return (i32.const 0x1000))))
    (if (call $args_get (i32.const 0x400) (i32.const 0x800)) (then (return (i32.const 0x1000))))
    (i32.load (i32.const 0x404)))

  (func $_start (export "_start")
    (local $m i32)
    (local.set $m (call $mode))
    (block $done
      (if (call $streq (local.get $m) (i32.const 0x1000))
        (then (memory.fill (i32.const 0x100) (i32.const 0) (i32.const 0x7FFFFFF0)) (br $done)))
      (if (call $streq (local.get $m) (i32.const 0x1010))
        (then (memory.copy (i32.const 0x100) (i32.const 0x200) (i32.const 0x7FFFFFF0)) (br $done)))
      (if (call $streq (local.get $m) (i32.const 0x1020))
        (then (memory.copy (i32.const 0x100) (i32.const 0xFFFFFF00) (i32.const 0x200)) (br $done)))
      (if (call $streq (local.get $m) (i32.const 0x1030))
        (then (memory.fill (i32.const 0xFFFFFFF0) (i32.const 0) (i32.const 0x20)) (br $done)))
      (if (call $streq (local.get $m) (i32.const 0x1040))
        (then (memory.fill (i32.const 0x100) (i32.const 0) (i32.const 0x100)) (br $done)))
      (call $print (i32.const 0x1110) (i32.const 13))
      (call $proc_exit (i32.const 2)))
    (call $print (i32.const 0x1100) (i32.const 8))))
