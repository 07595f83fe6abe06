;; The pairwise distances of complete and average linkage (distanceMatrixKernel.ts' distanceRows, full layout) in
;; WebAssembly with f64x2 SIMD: two columns j, j + 1 of a row sit in the two lanes, read from a transposed copy of
;; the rows (feature-major, so the two columns' values of a feature are adjacent). Each lane sums, over features t
;; in order, (x_it - x_jt)^2 with a separate multiply and add (no fused multiply-add), then takes the square root
;; (correctly rounded, as Math.sqrt): the scalar kernel's operations in its order, so the same bits. A row is
;; written whole, both halves: (a - b)^2 and (b - a)^2 are the same double, so the matrix is symmetric to the bit
;; and needs no mirroring pass, and every row is written by one thread, contiguously.
;;
;; Compiled by test/scripts/compileWasm.mjs (wabt) into distanceSimdModule.ts; test/parallel/wasmModules.test.ts
;; checks that the committed bytes are this source's. The memory is the caller's (see distanceSimd.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Rows [start, end) of the n x n matrix at $out: D[i, j] = sqrt(sum over t of (x_it - x_jt)^2) for every j,
  ;; from the rows at $rows (row-major, n x d) and their transpose at $columns (d x stride, stride even and at
  ;; least n). Addresses in bytes; d >= 1.
  (func (export "distanceRows")
    (param $start i32) (param $end i32) (param $rows i32) (param $columns i32) (param $n i32) (param $stride i32)
    (param $d i32) (param $out i32)
    (local $i i32) (local $j i32) (local $t i32) (local $row i32) (local $c i32) (local $o i32) (local $step i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $v v128) (local $diff v128)
    (local $s f64) (local $q f64)
    ;; bytes from one feature's column values to the next feature's
    (local.set $step (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $i (local.get $start))
    (block $rowsDone
      (loop $eachRow
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $row (i32.add (local.get $rows) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
        (local.set $o (i32.add (local.get $out) (i32.shl (i32.mul (local.get $i) (local.get $n)) (i32.const 3))))
        (local.set $j (i32.const 0))
        ;; eight columns per step: four accumulators, the row's value of each feature splatted once for all four
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $n)))
            (local.set $acc0 (v128.const f64x2 0 0))
            (local.set $acc1 (v128.const f64x2 0 0))
            (local.set $acc2 (v128.const f64x2 0 0))
            (local.set $acc3 (v128.const f64x2 0 0))
            (local.set $c (i32.add (local.get $columns) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $t (i32.const 0))
            (loop $features
              (local.set $v (f64x2.splat (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3))))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=0 (local.get $c))))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=16 (local.get $c))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=32 (local.get $c))))
              (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=48 (local.get $c))))
              (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $c (i32.add (local.get $c) (local.get $step)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br_if $features (i32.lt_u (local.get $t) (local.get $d))))
            (v128.store offset=0 align=8 (local.get $o) (f64x2.sqrt (local.get $acc0)))
            (v128.store offset=16 align=8 (local.get $o) (f64x2.sqrt (local.get $acc1)))
            (v128.store offset=32 align=8 (local.get $o) (f64x2.sqrt (local.get $acc2)))
            (v128.store offset=48 align=8 (local.get $o) (f64x2.sqrt (local.get $acc3)))
            (local.set $o (i32.add (local.get $o) (i32.const 64)))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $eights)))
        ;; two columns per step
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
            (local.set $acc0 (v128.const f64x2 0 0))
            (local.set $c (i32.add (local.get $columns) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $t (i32.const 0))
            (loop $features
              (local.set $v (f64x2.splat (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3))))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load (local.get $c))))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $c (i32.add (local.get $c) (local.get $step)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br_if $features (i32.lt_u (local.get $t) (local.get $d))))
            (v128.store align=8 (local.get $o) (f64x2.sqrt (local.get $acc0)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $pairs)))
        ;; the last column of an odd n, in scalar: a two-lane store would reach into the next row, another
        ;; thread's
        (if (i32.lt_u (local.get $j) (local.get $n))
          (then
            (local.set $s (f64.const 0))
            (local.set $c (i32.add (local.get $columns) (i32.shl (local.get $j) (i32.const 3))))
            (local.set $t (i32.const 0))
            (loop $features
              (local.set $q
                (f64.sub (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3)))) (f64.load (local.get $c))))
              (local.set $s (f64.add (local.get $s) (f64.mul (local.get $q) (local.get $q))))
              (local.set $c (i32.add (local.get $c) (local.get $step)))
              (local.set $t (i32.add (local.get $t) (i32.const 1)))
              (br_if $features (i32.lt_u (local.get $t) (local.get $d))))
            (f64.store (local.get $o) (f64.sqrt (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachRow)))))
