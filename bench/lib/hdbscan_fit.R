# Times R's dbscan::hdbscan on the raw little-endian float64 rows a benchmark wrote (bench/hdbscan.bench.ts):
#   Rscript bench/lib/hdbscan_fit.R <file> <rows> <cols> <minPts>
# Prints one JSON line: {"seconds": …, "labels": […]} with R's labels shifted to segmentkit's (noise -1).
suppressMessages(library(dbscan))
args <- commandArgs(trailingOnly = TRUE)
rows <- as.integer(args[2]); cols <- as.integer(args[3]); minPts <- as.integer(args[4])
con <- file(args[1], "rb")
x <- matrix(readBin(con, "double", n = rows * cols, size = 8, endian = "little"), ncol = cols, byrow = TRUE)
close(con)
seconds <- system.time(res <- hdbscan(x, minPts = minPts))[["elapsed"]]
cat(sprintf('{"seconds": %.6f, "labels": [%s]}\n', seconds, paste(res$cluster - 1L, collapse = ",")))
