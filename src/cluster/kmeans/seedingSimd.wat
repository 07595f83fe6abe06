;; The row loop of k-means++ seeding (seedingKernels.ts' seedingScoreChunks) in WebAssembly with f64x2 SIMD: the
;; two candidate centres sit in the two lanes, so every row is loaded once for both. Lane 0 sums, over features t
;; in order, (x_t − a_t)² and lane 1 (x_t − b_t)², with a separate multiply and add (no fused multiply-add): the
;; scalar kernel's operations in the scalar kernel's order, so the same bits. The minimum with the closest
;; distance so far is a compare and select (m < s ? m : s), the scalar kernel's `if (m < s) s = m`, and each
;; chunk's potentials are added in row order, as there.
;;
;; Compiled by scripts/buildWasm.mjs (wabt) into seedingSimdModule.ts; test/cluster/kmeans/seedingSimd.test.ts
;; checks that the committed bytes are this source's. The memory is the caller's: one shared WebAssembly.Memory
;; per seeding, holding the rows, the weights, the distances and the potentials (see seedingSimd.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; Score the candidates of the pair area (d × [a_t, b_t]) against rows [start, end): for each row i,
  ;; outA[i] = min(closest[i], Σ (x_it − a_t)²) and outB[i] likewise with b; the chunk's potentials
  ;; Σ w_i · outA[i] and Σ w_i · outB[i] (w = 1 when weights is 0) go to potA and potB. Addresses in bytes; d ≥ 1.
  (func (export "scoreChunk")
    (param $start i32) (param $end i32) (param $data i32) (param $weights i32) (param $d i32) (param $pair i32)
    (param $closest i32) (param $outA i32) (param $outB i32) (param $potA i32) (param $potB i32)
    (local $i i32) (local $stride i32) (local $pairEnd i32) (local $p i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $c i32) (local $a i32) (local $b i32) (local $w i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $u v128) (local $diff v128) (local $m v128) (local $pot v128)
    (local.set $stride (i32.shl (local.get $d) (i32.const 3)))
    (local.set $pairEnd (i32.add (local.get $pair) (i32.shl (local.get $d) (i32.const 4))))
    (local.set $pot (v128.const f64x2 0 0))
    (local.set $i (local.get $start))
    (local.set $r0 (i32.add (local.get $data) (i32.mul (local.get $start) (local.get $stride))))
    (local.set $c (i32.add (local.get $closest) (i32.shl (local.get $start) (i32.const 3))))
    (local.set $a (i32.add (local.get $outA) (i32.shl (local.get $start) (i32.const 3))))
    (local.set $b (i32.add (local.get $outB) (i32.shl (local.get $start) (i32.const 3))))
    (local.set $w (i32.add (local.get $weights) (i32.shl (local.get $start) (i32.const 3))))

    ;; four rows per step: four accumulators (eight lanes), each feature of the pair loaded once for all four
    (block $groupsDone
      (loop $groups
        (br_if $groupsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $end)))
        (local.set $r1 (i32.add (local.get $r0) (local.get $stride)))
        (local.set $r2 (i32.add (local.get $r1) (local.get $stride)))
        (local.set $r3 (i32.add (local.get $r2) (local.get $stride)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $acc2 (v128.const f64x2 0 0))
        (local.set $acc3 (v128.const f64x2 0 0))
        (local.set $p (local.get $pair))
        (loop $features
          (local.set $u (v128.load (local.get $p)))
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
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $features (i32.lt_u (local.get $p) (local.get $pairEnd))))
        ;; $r3 now points at the next group's first row
        (local.set $r0 (local.get $r3))
        ;; per row, in row order: the minimum with the closest distance, the two outputs, the potentials
        (local.set $m (f64x2.splat (f64.load offset=0 (local.get $c))))
        (local.set $acc0 (v128.bitselect (local.get $m) (local.get $acc0) (f64x2.lt (local.get $m) (local.get $acc0))))
        (v128.store64_lane offset=0 0 (local.get $a) (local.get $acc0))
        (v128.store64_lane offset=0 1 (local.get $b) (local.get $acc0))
        (local.set $m (f64x2.splat (f64.load offset=8 (local.get $c))))
        (local.set $acc1 (v128.bitselect (local.get $m) (local.get $acc1) (f64x2.lt (local.get $m) (local.get $acc1))))
        (v128.store64_lane offset=8 0 (local.get $a) (local.get $acc1))
        (v128.store64_lane offset=8 1 (local.get $b) (local.get $acc1))
        (local.set $m (f64x2.splat (f64.load offset=16 (local.get $c))))
        (local.set $acc2 (v128.bitselect (local.get $m) (local.get $acc2) (f64x2.lt (local.get $m) (local.get $acc2))))
        (v128.store64_lane offset=16 0 (local.get $a) (local.get $acc2))
        (v128.store64_lane offset=16 1 (local.get $b) (local.get $acc2))
        (local.set $m (f64x2.splat (f64.load offset=24 (local.get $c))))
        (local.set $acc3 (v128.bitselect (local.get $m) (local.get $acc3) (f64x2.lt (local.get $m) (local.get $acc3))))
        (v128.store64_lane offset=24 0 (local.get $a) (local.get $acc3))
        (v128.store64_lane offset=24 1 (local.get $b) (local.get $acc3))
        (if (i32.eqz (local.get $weights))
          (then
            (local.set $pot (f64x2.add (local.get $pot) (local.get $acc0)))
            (local.set $pot (f64x2.add (local.get $pot) (local.get $acc1)))
            (local.set $pot (f64x2.add (local.get $pot) (local.get $acc2)))
            (local.set $pot (f64x2.add (local.get $pot) (local.get $acc3))))
          (else
            (local.set $pot (f64x2.add (local.get $pot) (f64x2.mul (f64x2.splat (f64.load offset=0 (local.get $w))) (local.get $acc0))))
            (local.set $pot (f64x2.add (local.get $pot) (f64x2.mul (f64x2.splat (f64.load offset=8 (local.get $w))) (local.get $acc1))))
            (local.set $pot (f64x2.add (local.get $pot) (f64x2.mul (f64x2.splat (f64.load offset=16 (local.get $w))) (local.get $acc2))))
            (local.set $pot (f64x2.add (local.get $pot) (f64x2.mul (f64x2.splat (f64.load offset=24 (local.get $w))) (local.get $acc3))))))
        (local.set $c (i32.add (local.get $c) (i32.const 32)))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (local.set $w (i32.add (local.get $w) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $groups)))

    ;; the last rows of the chunk, one at a time, the same way
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $acc0 (v128.const f64x2 0 0))
        (local.set $p (local.get $pair))
        (loop $tailFeatures
          (local.set $diff (f64x2.sub (f64x2.splat (f64.load (local.get $r0))) (v128.load (local.get $p))))
          (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $diff) (local.get $diff))))
          (local.set $r0 (i32.add (local.get $r0) (i32.const 8)))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $tailFeatures (i32.lt_u (local.get $p) (local.get $pairEnd))))
        (local.set $m (f64x2.splat (f64.load (local.get $c))))
        (local.set $acc0 (v128.bitselect (local.get $m) (local.get $acc0) (f64x2.lt (local.get $m) (local.get $acc0))))
        (v128.store64_lane 0 (local.get $a) (local.get $acc0))
        (v128.store64_lane 1 (local.get $b) (local.get $acc0))
        (if (i32.eqz (local.get $weights))
          (then (local.set $pot (f64x2.add (local.get $pot) (local.get $acc0))))
          (else (local.set $pot (f64x2.add (local.get $pot) (f64x2.mul (f64x2.splat (f64.load (local.get $w))) (local.get $acc0))))))
        (local.set $c (i32.add (local.get $c) (i32.const 8)))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (local.set $w (i32.add (local.get $w) (i32.const 8)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (f64.store (local.get $potA) (f64x2.extract_lane 0 (local.get $pot)))
    (f64.store (local.get $potB) (f64x2.extract_lane 1 (local.get $pot))))
)
