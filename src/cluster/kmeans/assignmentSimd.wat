;; The distances of k-means' exact assignment pass (assignmentKernels.ts' exactAssignmentChunks) in WebAssembly
;; with f64x2 SIMD: centroids in pairs, one per lane, so every row value is loaded once for two centroids. Lane l
;; of pair p sums, over features t in order, (x_t − c_{2p+l}[t])² with a separate multiply and add (no fused
;; multiply-add): rowSquaredDistance's operations in its order, so the same bits; the nearest and second nearest
;; are then picked exactly as the scalar kernel picks them (nearestBlock, called by assignmentKernels.ts'
;; exactAssignmentSimdChunks).
;;
;; Compiled by test/scripts/compileWasm.mjs (wabt) into assignmentSimdModule.ts; test/parallel/wasmModules.test.ts
;; checks that the committed bytes are this source's. The memory is the caller's (see kmeansArena.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Squared distances from rows [start, end) (row-major f64 at $data, d ≥ 1 features) to the `pairs` centroid pairs
  ;; at $centers (pair p, feature t → [c_2p[t], c_2p+1[t]] at $centers + (p·d + t)·16). Row r of the block gets
  ;; its 2·pairs distances at $out + (r − start)·pairs·16, centroid j at offset 8j.
  (func $distanceBlock
    (param $start i32) (param $end i32) (param $data i32) (param $d i32) (param $pairs i32) (param $centers i32)
    (param $out i32)
    (local $i i32) (local $stride i32) (local $pairBytes i32) (local $outStride i32)
    (local $row i32) (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $c i32) (local $cEnd i32) (local $o i32) (local $p i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $u v128) (local $diff v128)
    (local.set $stride (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairBytes (i32.shl (local.get $d) (i32.const 4)))
    (local.set $outStride (i32.shl (local.get $pairs) (i32.const 4)))
    (local.set $i (local.get $start))
    (local.set $row (i32.add (local.get $data) (i32.mul (local.get $start) (local.get $stride))))
    (local.set $o (local.get $out))

    ;; four rows per step: for each pair, four accumulators (eight lanes), each centroid pair value loaded once
    (block $groupsDone
      (loop $groups
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $end)))
        (local.set $c (local.get $centers))
        (local.set $p (i32.const 0))
        (loop $pairLoop
          (local.set $r0 (local.get $row))
          (local.set $r1 (i32.add (local.get $r0) (local.get $stride)))
          (local.set $r2 (i32.add (local.get $r1) (local.get $stride)))
          (local.set $r3 (i32.add (local.get $r2) (local.get $stride)))
          (local.set $cEnd (i32.add (local.get $c) (local.get $pairBytes)))
          (local.set $acc0 (v128.const f64x2 0 0))
          (local.set $acc1 (v128.const f64x2 0 0))
          (local.set $acc2 (v128.const f64x2 0 0))
          (local.set $acc3 (v128.const f64x2 0 0))
          (loop $features
            (local.set $u (v128.load (local.get $c)))
            (local.set $diff (f64x2.sub (f64x2.splat (f64.load (local.get $r0))) (local.get $u)))
            (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
            (local.set $diff (f64x2.sub (f64x2.splat (f64.load (local.get $r1))) (local.get $u)))
            (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $diff) (local.get $diff))))
            (local.set $diff (f64x2.sub (f64x2.splat (f64.load (local.get $r2))) (local.get $u)))
            (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $diff) (local.get $diff))))
            (local.set $diff (f64x2.sub (f64x2.splat (f64.load (local.get $r3))) (local.get $u)))
            (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $diff) (local.get $diff))))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
            (local.set $r1 (i32.add (local.get $r1) (i32.const 8)))
            (local.set $r2 (i32.add (local.get $r2) (i32.const 8)))
            (local.set $r3 (i32.add (local.get $r3) (i32.const 8)))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br_if $features (i32.lt_u (local.get $c) (local.get $cEnd))))
          (v128.store (local.get $o) (local.get $acc0))
          (v128.store (i32.add (local.get $o) (local.get $outStride)) (local.get $acc1))
          (v128.store (i32.add (local.get $o) (i32.shl (local.get $outStride) (i32.const 1))) (local.get $acc2))
          (v128.store (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 3))) (local.get $acc3))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $pairLoop (i32.lt_u (local.get $p) (local.get $pairs))))
        ;; $o has moved across the first row's pairs; the next group starts four output rows on
        (local.set $o (i32.add (local.get $o) (i32.mul (local.get $outStride) (i32.const 3))))
        (local.set $row (i32.add (local.get $row) (i32.shl (local.get $stride) (i32.const 2))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $groups)))

    ;; the last rows of the block, one at a time, the same way
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $c (local.get $centers))
        (local.set $p (i32.const 0))
        (loop $tailPairs
          (local.set $r0 (local.get $row))
          (local.set $cEnd (i32.add (local.get $c) (local.get $pairBytes)))
          (local.set $acc0 (v128.const f64x2 0 0))
          (loop $tailFeatures
            (local.set $diff (f64x2.sub (f64x2.splat (f64.load (local.get $r0))) (v128.load (local.get $c))))
            (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
            (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br_if $tailFeatures (i32.lt_u (local.get $c) (local.get $cEnd))))
          (v128.store (local.get $o) (local.get $acc0))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $tailPairs (i32.lt_u (local.get $p) (local.get $pairs))))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))

  ;; The nearest and second-nearest of each row of a block: distanceBlock into $out, then per row, in centroid order,
  ;; the scalar kernel's selection (s < nearest: the old nearest becomes the second and s the nearest, j its index;
  ;; else s < second: s the second). The comparisons are of the distances' bits as unsigned integers, which order
  ;; every value a sum of squares can take (+0 up to +Infinity) as the doubles do, and put NaN above them all, never
  ;; chosen, as `<` never chooses it; integer selects compile to conditional moves (a double's select becomes a
  ;; branch, mispredicted half the time here). Row r of the block gets [nearest, second, index] (f64; the index
  ;; exact) at $picks + (r − start)·24.
  (func (export "nearestBlock")
    (param $start i32) (param $end i32) (param $data i32) (param $d i32) (param $pairs i32) (param $k i32)
    (param $centers i32) (param $out i32) (param $picks i32)
    (local $row i32) (local $rowEnd i32) (local $at i32) (local $stride i32)
    (local $j i32) (local $s i64) (local $nearest i64) (local $second i64) (local $index i32) (local $closer i32)
    (call $distanceBlock (local.get $start) (local.get $end) (local.get $data) (local.get $d) (local.get $pairs)
      (local.get $centers) (local.get $out))
    (local.set $stride (i32.shl (local.get $pairs) (i32.const 4)))
    (local.set $row (local.get $out))
    (local.set $rowEnd (i32.add (local.get $out) (i32.mul (i32.sub (local.get $end) (local.get $start)) (local.get $stride))))
    (local.set $at (local.get $picks))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $row) (local.get $rowEnd)))
        ;; +Infinity's bits
        (local.set $nearest (i64.const 0x7ff0000000000000))
        (local.set $second (i64.const 0x7ff0000000000000))
        (local.set $index (i32.const 0))
        (local.set $j (i32.const 0))
        (loop $centroids
          (local.set $s (i64.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))))
          (local.set $closer (i64.lt_u (local.get $s) (local.get $nearest)))
          (local.set $second
            (select (local.get $nearest)
              (select (local.get $s) (local.get $second) (i64.lt_u (local.get $s) (local.get $second)))
              (local.get $closer)))
          (local.set $index (select (local.get $j) (local.get $index) (local.get $closer)))
          (local.set $nearest (select (local.get $s) (local.get $nearest) (local.get $closer)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $centroids (i32.lt_u (local.get $j) (local.get $k))))
        (i64.store (local.get $at) (local.get $nearest))
        (i64.store offset=8 (local.get $at) (local.get $second))
        (f64.store offset=16 (local.get $at) (f64.convert_i32_u (local.get $index)))
        (local.set $row (i32.add (local.get $row) (local.get $stride)))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (br $rows))))
)
