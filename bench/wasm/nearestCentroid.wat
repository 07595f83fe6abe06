;; A measurement spike for issue 20 (bench/wasmSimd.bench.ts), from which the library's kernels grew: the
;; nearest-centroid pass of k-means in WebAssembly, with f64x2 SIMD (two centroids per lane pair) and without. Each lane sums
;; (x_t − c_t)² over t in order, as the scalar kernel does (no fused multiply-add), so the distances are the same
;; bits as rowSquaredDistance. Compiled with wabt when the benchmark runs.
(module
  (memory (export "memory") 1)
  ;; nearest of k = 2·pairs centroids for each of n rows (row-major f64 at $x), centroids pair-interleaved at $c:
  ;; pair p, feature t → [c_2p[t], c_2p+1[t]] at $c + (p·d + t)·16. Lane l of the accumulator sums, over t in
  ;; order, (x_t − c_{2p+l}[t])² — the scalar sum's order, so the same bits. Labels (i32) at $lab, distances at $dist.
  (func (export "nearestSimd") (param $x i32) (param $n i32) (param $d i32) (param $c i32) (param $pairs i32) (param $lab i32) (param $dist i32)
    (local $i i32) (local $p i32) (local $t i32) (local $row i32) (local $cp i32)
    (local $acc v128) (local $diff v128) (local $best f64) (local $bestIndex i32) (local $v f64)
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
        (local.set $best (f64.const inf))
        (local.set $bestIndex (i32.const 0))
        (local.set $p (i32.const 0))
        (local.set $cp (local.get $c))
        (block $pairsDone
          (loop $pairLoop
            (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $pairs)))
            (local.set $acc (v128.const f64x2 0 0))
            (local.set $t (i32.const 0))
            (block $featuresDone
              (loop $features
                (br_if $featuresDone (i32.ge_u (local.get $t) (local.get $d)))
                (local.set $diff
                  (f64x2.sub
                    (f64x2.splat (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3)))))
                    (v128.load (local.get $cp))))
                (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $diff) (local.get $diff))))
                (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $features)))
            ;; strict < keeps the lower index on ties; select, not a branch: the winner is unpredictable
            (local.set $v (f64x2.extract_lane 0 (local.get $acc)))
            (local.set $bestIndex (select (i32.shl (local.get $p) (i32.const 1)) (local.get $bestIndex) (f64.lt (local.get $v) (local.get $best))))
            (local.set $best (select (local.get $v) (local.get $best) (f64.lt (local.get $v) (local.get $best))))
            (local.set $v (f64x2.extract_lane 1 (local.get $acc)))
            (local.set $bestIndex (select (i32.add (i32.shl (local.get $p) (i32.const 1)) (i32.const 1)) (local.get $bestIndex) (f64.lt (local.get $v) (local.get $best))))
            (local.set $best (select (local.get $v) (local.get $best) (f64.lt (local.get $v) (local.get $best))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $pairLoop)))
        (i32.store (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2))) (local.get $bestIndex))
        (f64.store (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 3))) (local.get $best))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
  ;; the same pass without SIMD: one centroid at a time, centroids row-major at $c (k = 2·pairs)
  (func (export "nearestScalar") (param $x i32) (param $n i32) (param $d i32) (param $c i32) (param $k i32) (param $lab i32) (param $dist i32)
    (local $i i32) (local $j i32) (local $t i32) (local $row i32) (local $cp i32)
    (local $acc f64) (local $diff f64) (local $best f64) (local $bestIndex i32)
    (local.set $i (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 3))))
        (local.set $best (f64.const inf))
        (local.set $bestIndex (i32.const 0))
        (local.set $j (i32.const 0))
        (local.set $cp (local.get $c))
        (block $centresDone
          (loop $centres
            (br_if $centresDone (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $acc (f64.const 0))
            (local.set $t (i32.const 0))
            (block $featuresDone
              (loop $features
                (br_if $featuresDone (i32.ge_u (local.get $t) (local.get $d)))
                (local.set $diff
                  (f64.sub (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3)))) (f64.load (local.get $cp))))
                (local.set $acc (f64.add (local.get $acc) (f64.mul (local.get $diff) (local.get $diff))))
                (local.set $cp (i32.add (local.get $cp) (i32.const 8)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $features)))
            (if (f64.lt (local.get $acc) (local.get $best))
              (then (local.set $best (local.get $acc)) (local.set $bestIndex (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $centres)))
        (i32.store (i32.add (local.get $lab) (i32.shl (local.get $i) (i32.const 2))) (local.get $bestIndex))
        (f64.store (i32.add (local.get $dist) (i32.shl (local.get $i) (i32.const 3))) (local.get $best))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
)
