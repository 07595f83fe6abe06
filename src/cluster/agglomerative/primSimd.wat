;; The scan of single linkage's Prim step (primKernel.ts' scanPositions) in WebAssembly with f64x2 SIMD: two
;; positions of the rows still outside the tree sit in the two lanes, read from a feature-major copy of those rows
;; (so the two positions' values of a feature are adjacent). Each lane sums, over features t in order,
;; (x_t - y_t)^2 with a separate multiply and add (no fused multiply-add) and takes the square root (correctly
;; rounded, as Math.sqrt): the scalar kernel's distance, bit for bit. The row's distance to the tree is lowered to
;; it when it is strictly smaller (a compare and select, as the scalar `if (dist < current)`), and each lane keeps
;; the nearest row so far, ties to the lowest row id, by the scalar kernel's rule (cur < best, or cur = best and a
;; lower row). That rule picks the same row whatever order the positions are visited in, so the two lanes (and the
;; threads' ranges) combine to the scalar kernel's choice.
;;
;; Compiled by test/scripts/compileWasm.mjs (wabt) into primSimdModule.ts; test/parallel/wasmModules.test.ts checks
;; that the committed bytes are this source's. The memory is the caller's (see primSimd.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Positions [from, to) of the rows outside the tree: with x (d values at $x), the columns at $columns (d x
  ;; stride, feature-major), the distances to the tree at $nearest and the row ids (as doubles) at $ids, lower each
  ;; position's distance to the tree to its distance to x, and write the nearest position's [distance, row id,
  ;; position] to $out (Infinity, -1, -1 when no distance is below Infinity). Addresses in bytes; d >= 1.
  (func (export "scanPositions")
    (param $from i32) (param $to i32) (param $x i32) (param $columns i32) (param $stride i32) (param $d i32)
    (param $nearest i32) (param $ids i32) (param $out i32)
    (local $p i32) (local $t i32) (local $c i32) (local $step i32) (local $near i32) (local $idAt i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $v v128) (local $diff v128)
    (local $dist v128) (local $cur v128) (local $row v128) (local $better v128) (local $pos v128)
    (local $best v128) (local $bestRow v128) (local $bestPos v128)
    (local $b f64) (local $r f64) (local $q f64) (local $s f64) (local $e f64) (local $id f64)
    ;; bytes from one feature's values to the next feature's
    (local.set $step (i32.shl (local.get $stride) (i32.const 3)))
    (local.set $best (v128.const f64x2 inf inf))
    (local.set $bestRow (v128.const f64x2 -1 -1))
    (local.set $bestPos (v128.const f64x2 -1 -1))
    (local.set $p (local.get $from))
    (local.set $pos (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_u (local.get $p))) (f64.convert_i32_u (i32.add (local.get $p) (i32.const 1)))))
    (local.set $near (i32.add (local.get $nearest) (i32.shl (local.get $p) (i32.const 3))))
    (local.set $ids (i32.add (local.get $ids) (i32.shl (local.get $p) (i32.const 3))))
    ;; eight positions per step: four accumulators, x's value of each feature splatted once for all four
    (block $eightsDone
      (loop $eights
        (br_if $eightsDone (i32.gt_u (i32.add (local.get $p) (i32.const 8)) (local.get $to)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $acc2 (v128.const f64x2 0 0))
        (local.set $acc3 (v128.const f64x2 0 0))
        (local.set $c (i32.add (local.get $columns) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $t (i32.const 0))
        (loop $features
          (local.set $v (f64x2.splat (f64.load (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3))))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=0 align=8 (local.get $c))))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=16 align=8 (local.get $c))))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=32 align=8 (local.get $c))))
              (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $diff) (local.get $diff))))
              (local.set $diff (f64x2.sub (local.get $v) (v128.load offset=48 align=8 (local.get $c))))
              (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $diff) (local.get $diff))))
          (local.set $c (i32.add (local.get $c) (local.get $step)))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $features (i32.lt_u (local.get $t) (local.get $d))))
            ;; positions p + 0, p + 1
            (local.set $dist (f64x2.sqrt (local.get $acc0)))
            (local.set $cur (v128.load offset=0 align=8 (local.get $near)))
            (local.set $cur (v128.bitselect (local.get $dist) (local.get $cur) (f64x2.lt (local.get $dist) (local.get $cur))))
            (v128.store offset=0 align=8 (local.get $near) (local.get $cur))
            (local.set $row (v128.load offset=0 align=8 (local.get $ids)))
            (local.set $better
              (v128.or (f64x2.lt (local.get $cur) (local.get $best))
                (v128.and (f64x2.eq (local.get $cur) (local.get $best)) (f64x2.lt (local.get $row) (local.get $bestRow)))))
            (local.set $best (v128.bitselect (local.get $cur) (local.get $best) (local.get $better)))
            (local.set $bestRow (v128.bitselect (local.get $row) (local.get $bestRow) (local.get $better)))
            (local.set $bestPos (v128.bitselect (local.get $pos) (local.get $bestPos) (local.get $better)))
            (local.set $pos (f64x2.add (local.get $pos) (v128.const f64x2 2 2)))
            ;; positions p + 2, p + 3
            (local.set $dist (f64x2.sqrt (local.get $acc1)))
            (local.set $cur (v128.load offset=16 align=8 (local.get $near)))
            (local.set $cur (v128.bitselect (local.get $dist) (local.get $cur) (f64x2.lt (local.get $dist) (local.get $cur))))
            (v128.store offset=16 align=8 (local.get $near) (local.get $cur))
            (local.set $row (v128.load offset=16 align=8 (local.get $ids)))
            (local.set $better
              (v128.or (f64x2.lt (local.get $cur) (local.get $best))
                (v128.and (f64x2.eq (local.get $cur) (local.get $best)) (f64x2.lt (local.get $row) (local.get $bestRow)))))
            (local.set $best (v128.bitselect (local.get $cur) (local.get $best) (local.get $better)))
            (local.set $bestRow (v128.bitselect (local.get $row) (local.get $bestRow) (local.get $better)))
            (local.set $bestPos (v128.bitselect (local.get $pos) (local.get $bestPos) (local.get $better)))
            (local.set $pos (f64x2.add (local.get $pos) (v128.const f64x2 2 2)))
            ;; positions p + 4, p + 5
            (local.set $dist (f64x2.sqrt (local.get $acc2)))
            (local.set $cur (v128.load offset=32 align=8 (local.get $near)))
            (local.set $cur (v128.bitselect (local.get $dist) (local.get $cur) (f64x2.lt (local.get $dist) (local.get $cur))))
            (v128.store offset=32 align=8 (local.get $near) (local.get $cur))
            (local.set $row (v128.load offset=32 align=8 (local.get $ids)))
            (local.set $better
              (v128.or (f64x2.lt (local.get $cur) (local.get $best))
                (v128.and (f64x2.eq (local.get $cur) (local.get $best)) (f64x2.lt (local.get $row) (local.get $bestRow)))))
            (local.set $best (v128.bitselect (local.get $cur) (local.get $best) (local.get $better)))
            (local.set $bestRow (v128.bitselect (local.get $row) (local.get $bestRow) (local.get $better)))
            (local.set $bestPos (v128.bitselect (local.get $pos) (local.get $bestPos) (local.get $better)))
            (local.set $pos (f64x2.add (local.get $pos) (v128.const f64x2 2 2)))
            ;; positions p + 6, p + 7
            (local.set $dist (f64x2.sqrt (local.get $acc3)))
            (local.set $cur (v128.load offset=48 align=8 (local.get $near)))
            (local.set $cur (v128.bitselect (local.get $dist) (local.get $cur) (f64x2.lt (local.get $dist) (local.get $cur))))
            (v128.store offset=48 align=8 (local.get $near) (local.get $cur))
            (local.set $row (v128.load offset=48 align=8 (local.get $ids)))
            (local.set $better
              (v128.or (f64x2.lt (local.get $cur) (local.get $best))
                (v128.and (f64x2.eq (local.get $cur) (local.get $best)) (f64x2.lt (local.get $row) (local.get $bestRow)))))
            (local.set $best (v128.bitselect (local.get $cur) (local.get $best) (local.get $better)))
            (local.set $bestRow (v128.bitselect (local.get $row) (local.get $bestRow) (local.get $better)))
            (local.set $bestPos (v128.bitselect (local.get $pos) (local.get $bestPos) (local.get $better)))
            (local.set $pos (f64x2.add (local.get $pos) (v128.const f64x2 2 2)))
        (local.set $near (i32.add (local.get $near) (i32.const 64)))
        (local.set $ids (i32.add (local.get $ids) (i32.const 64)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $eights)))
    ;; two positions per step
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $to)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $c (i32.add (local.get $columns) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $t (i32.const 0))
        (loop $features
          (local.set $v (f64x2.splat (f64.load (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3))))))
          (local.set $diff (f64x2.sub (local.get $v) (v128.load align=8 (local.get $c))))
          (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
          (local.set $c (i32.add (local.get $c) (local.get $step)))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $features (i32.lt_u (local.get $t) (local.get $d))))
            ;; positions p + 0, p + 1
            (local.set $dist (f64x2.sqrt (local.get $acc0)))
            (local.set $cur (v128.load offset=0 align=8 (local.get $near)))
            (local.set $cur (v128.bitselect (local.get $dist) (local.get $cur) (f64x2.lt (local.get $dist) (local.get $cur))))
            (v128.store offset=0 align=8 (local.get $near) (local.get $cur))
            (local.set $row (v128.load offset=0 align=8 (local.get $ids)))
            (local.set $better
              (v128.or (f64x2.lt (local.get $cur) (local.get $best))
                (v128.and (f64x2.eq (local.get $cur) (local.get $best)) (f64x2.lt (local.get $row) (local.get $bestRow)))))
            (local.set $best (v128.bitselect (local.get $cur) (local.get $best) (local.get $better)))
            (local.set $bestRow (v128.bitselect (local.get $row) (local.get $bestRow) (local.get $better)))
            (local.set $bestPos (v128.bitselect (local.get $pos) (local.get $bestPos) (local.get $better)))
            (local.set $pos (f64x2.add (local.get $pos) (v128.const f64x2 2 2)))
        (local.set $near (i32.add (local.get $near) (i32.const 16)))
        (local.set $ids (i32.add (local.get $ids) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $pairs)))
    ;; the two lanes' nearest, by the same rule: lane 1 when strictly nearer, or as near with a lower row id
    (local.set $b (f64x2.extract_lane 0 (local.get $best)))
    (local.set $r (f64x2.extract_lane 0 (local.get $bestRow)))
    (local.set $q (f64x2.extract_lane 0 (local.get $bestPos)))
    (if (i32.or (f64.lt (f64x2.extract_lane 1 (local.get $best)) (local.get $b))
          (i32.and (f64.eq (f64x2.extract_lane 1 (local.get $best)) (local.get $b))
            (f64.lt (f64x2.extract_lane 1 (local.get $bestRow)) (local.get $r))))
      (then
        (local.set $b (f64x2.extract_lane 1 (local.get $best)))
        (local.set $r (f64x2.extract_lane 1 (local.get $bestRow)))
        (local.set $q (f64x2.extract_lane 1 (local.get $bestPos)))))
    ;; the last position of an odd range, in scalar
    (if (i32.lt_u (local.get $p) (local.get $to))
      (then
        (local.set $s (f64.const 0))
        (local.set $c (i32.add (local.get $columns) (i32.shl (local.get $p) (i32.const 3))))
        (local.set $t (i32.const 0))
        (loop $features
          (local.set $e
            (f64.sub (f64.load (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3)))) (f64.load (local.get $c))))
          (local.set $s (f64.add (local.get $s) (f64.mul (local.get $e) (local.get $e))))
          (local.set $c (i32.add (local.get $c) (local.get $step)))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $features (i32.lt_u (local.get $t) (local.get $d))))
        (local.set $s (f64.sqrt (local.get $s)))
        (local.set $e (f64.load (local.get $near)))
        (if (f64.lt (local.get $s) (local.get $e))
          (then
            (f64.store (local.get $near) (local.get $s))
            (local.set $e (local.get $s))))
        (local.set $id (f64.load (local.get $ids)))
        (if (i32.or (f64.lt (local.get $e) (local.get $b))
              (i32.and (f64.eq (local.get $e) (local.get $b)) (f64.lt (local.get $id) (local.get $r))))
          (then
            (local.set $b (local.get $e))
            (local.set $r (local.get $id))
            (local.set $q (f64.convert_i32_u (local.get $p)))))))
    (f64.store offset=0 (local.get $out) (local.get $b))
    (f64.store offset=8 (local.get $out) (local.get $r))
    (f64.store offset=16 (local.get $out) (local.get $q))))
