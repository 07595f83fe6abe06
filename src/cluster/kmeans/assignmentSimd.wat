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

  ;; The rest of the exact pass for the rows [start, end) of a block whose picks nearestBlock wrote at $picks:
  ;; what assignmentKernels.ts' exactAssignmentChunks does once it has a row's nearest two, and its addMove,
  ;; operation for operation. Bounds into $bases (0: none) as [nearest, second], or with drift ($drift ≠ 0) as
  ;; [√nearest − drift[best], √second + totalMaxDrift]; the label (i32 at $labels); a moved row's change of its
  ;; chunk's sums, weights and counts in $deltas (0: none), unless its weight (f64 at $weights; 0: all 1) is zero:
  ;; first −w·x, −w, −1 on the old cluster (if any), then + on the new.
  ;; Returns how many labels changed.
  (func (export "settleBlock")
    (param $start i32) (param $end i32) (param $picks i32) (param $labels i32) (param $bases i32) (param $drift i32)
    (param $totalMaxDrift f64) (param $data i32) (param $weights i32) (param $d i32) (param $k i32)
    (param $deltas i32) (param $chunkRows i32) (result i32)
    (local $row i32) (local $at i32) (local $nearest f64) (local $second f64) (local $best i32) (local $previous i32)
    (local $changed i32) (local $w f64) (local $base i32) (local $x i32) (local $t i32) (local $o i32) (local $p i32)
    (local $kd i32) (local $b i32) (local $label i32)
    (local.set $kd (i32.mul (local.get $k) (local.get $d)))
    (local.set $at (local.get $picks))
    (local.set $row (local.get $start))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $row) (local.get $end)))
        (local.set $nearest (f64.load (local.get $at)))
        (local.set $second (f64.load offset=8 (local.get $at)))
        (local.set $best (i32.trunc_f64_u (f64.load offset=16 (local.get $at))))
        (if (local.get $bases)
          (then
            (local.set $b (i32.add (local.get $bases) (i32.shl (local.get $row) (i32.const 4))))
            (if (i32.eqz (local.get $drift))
              (then
                (f64.store (local.get $b) (local.get $nearest))
                (f64.store offset=8 (local.get $b) (local.get $second)))
              (else
                (f64.store (local.get $b)
                  (f64.sub (f64.sqrt (local.get $nearest))
                    (f64.load (i32.add (local.get $drift) (i32.shl (local.get $best) (i32.const 3))))))
                (f64.store offset=8 (local.get $b) (f64.add (f64.sqrt (local.get $second)) (local.get $totalMaxDrift)))))))
        (local.set $label (i32.add (local.get $labels) (i32.shl (local.get $row) (i32.const 2))))
        (local.set $previous (i32.load (local.get $label)))
        (if (i32.ne (local.get $best) (local.get $previous))
          (then
            (i32.store (local.get $label) (local.get $best))
            (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
            (if (local.get $deltas)
              (then
                (local.set $w
                  (if (result f64) (local.get $weights)
                    (then (f64.load (i32.add (local.get $weights) (i32.shl (local.get $row) (i32.const 3)))))
                    (else (f64.const 1))))
                (if (f64.ne (local.get $w) (f64.const 0))
                  (then
                    ;; the row's chunk: deltas + floor(row / chunkRows) · (kd + 2k) doubles
                    (local.set $base
                      (i32.add (local.get $deltas)
                        (i32.shl
                          (i32.mul (i32.div_u (local.get $row) (local.get $chunkRows))
                            (i32.add (local.get $kd) (i32.shl (local.get $k) (i32.const 1))))
                          (i32.const 3))))
                    (local.set $x (i32.add (local.get $data) (i32.shl (i32.mul (local.get $row) (local.get $d)) (i32.const 3))))
                    (if (i32.ge_s (local.get $previous) (i32.const 0))
                      (then
                        (local.set $o (i32.add (local.get $base) (i32.shl (i32.mul (local.get $previous) (local.get $d)) (i32.const 3))))
                        (local.set $t (i32.const 0))
                        (loop $minus
                          (local.set $p (i32.add (local.get $o) (i32.shl (local.get $t) (i32.const 3))))
                          (f64.store (local.get $p)
                            (f64.sub (f64.load (local.get $p))
                              (f64.mul (local.get $w) (f64.load (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3)))))))
                          (local.set $t (i32.add (local.get $t) (i32.const 1)))
                          (br_if $minus (i32.lt_u (local.get $t) (local.get $d))))
                        (local.set $o (i32.add (local.get $base) (i32.shl (i32.add (local.get $kd) (local.get $previous)) (i32.const 3))))
                        (f64.store (local.get $o) (f64.sub (f64.load (local.get $o)) (local.get $w)))
                        (local.set $o (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 3))))
                        (f64.store (local.get $o) (f64.sub (f64.load (local.get $o)) (f64.const 1)))))
                    (local.set $o (i32.add (local.get $base) (i32.shl (i32.mul (local.get $best) (local.get $d)) (i32.const 3))))
                    (local.set $t (i32.const 0))
                    (loop $plus
                      (local.set $p (i32.add (local.get $o) (i32.shl (local.get $t) (i32.const 3))))
                      (f64.store (local.get $p)
                        (f64.add (f64.load (local.get $p))
                          (f64.mul (local.get $w) (f64.load (i32.add (local.get $x) (i32.shl (local.get $t) (i32.const 3)))))))
                      (local.set $t (i32.add (local.get $t) (i32.const 1)))
                      (br_if $plus (i32.lt_u (local.get $t) (local.get $d))))
                    (local.set $o (i32.add (local.get $base) (i32.shl (i32.add (local.get $kd) (local.get $best)) (i32.const 3))))
                    (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (local.get $w)))
                    (local.set $o (i32.add (local.get $o) (i32.shl (local.get $k) (i32.const 3))))
                    (f64.store (local.get $o) (f64.add (f64.load (local.get $o)) (f64.const 1)))))))))
        (local.set $at (i32.add (local.get $at) (i32.const 24)))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rows)))
    (local.get $changed))
)
