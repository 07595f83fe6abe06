# Reference values for HDBSCAN from R's dbscan package (Debian r-cran-dbscan, 1.1-11):
#   Rscript test/reference/scripts/hdbscan.R > test/reference/hdbscan.json
# Each case stores its rows, minPts, and R's cluster labels (0 = noise), GLOSH outlier scores and core
# distances. dbscan::hdbscan(x, minPts) uses minPts both as the smallest cluster and for the core distance
# (the (minPts - 1)-th neighbour, the row itself not counted), i.e. scikit-learn's HDBSCAN(min_cluster_size =
# min_samples = minPts).
suppressMessages(library(dbscan))
suppressMessages(library(jsonlite))
set.seed(20261202)

blobs <- function(centres, n, sd) {
  d <- ncol(centres)
  do.call(rbind, lapply(seq_len(nrow(centres)), function(k) {
    matrix(rnorm(n * d, sd = sd), ncol = d) + matrix(centres[k, ], n, d, byrow = TRUE)
  }))
}

cases <- list()
add <- function(name, x, minPts) {
  x <- round(as.matrix(x), 6)  # exact decimal rows, so both sides read the same doubles
  res <- hdbscan(x, minPts = minPts)
  cases[[length(cases) + 1]] <<- list(
    name = name, minPts = minPts, data = unname(x),
    cluster = as.integer(res$cluster), outlier_scores = as.numeric(res$outlier_scores),
    coredist = as.numeric(res$coredist)
  )
}

two <- rbind(blobs(matrix(c(0, 0, 6, 0, 3, 5), ncol = 2, byrow = TRUE), 80, 1), matrix(runif(40, -6, 12), ncol = 2))
add("2-D, three blobs and uniform noise", two, 5)
add("2-D, three blobs and uniform noise, minPts 10", two, 10)
densities <- rbind(blobs(matrix(c(0, 0), ncol = 2), 150, 0.3), blobs(matrix(c(5, 5), ncol = 2), 100, 1.5),
                   blobs(matrix(c(-4, 6), ncol = 2), 60, 0.7))
add("2-D, three blobs of different density", densities, 8)
eight <- rbind(blobs(matrix(rnorm(40, sd = 4), ncol = 8), 100, 1), matrix(runif(80, -10, 10), ncol = 8))
add("8-D, five blobs and uniform noise", eight, 6)
t <- runif(200, 0, pi)
moons <- rbind(cbind(cos(t[1:100]), sin(t[1:100])), cbind(1 - cos(t[101:200]), 0.5 - sin(t[101:200]))) +
  matrix(rnorm(400, sd = 0.06), ncol = 2)
add("two moons", moons, 6)
nested <- rbind(blobs(matrix(c(0, 0, 1.5, 0), ncol = 2, byrow = TRUE), 60, 0.25), blobs(matrix(c(12, 0), ncol = 2), 120, 1.2))
add("a pair of close blobs beside a wide one", nested, 7)

mall <- read.csv("test/data/mall_customers/Mall_Customers.csv", check.names = FALSE)
income_spending <- as.matrix(mall[, c("Annual Income (k$)", "Spending Score (1-100)")])
add("Mall customers: income and spending score (integers, many ties)", income_spending, 5)
add("Mall customers: income and spending score, minPts 12", income_spending, 12)

cat(toJSON(list(
  generator = "test/reference/scripts/hdbscan.R",
  reference = paste("R", getRversion(), "dbscan", packageVersion("dbscan")),
  cases = cases
), digits = NA, auto_unbox = TRUE, matrix = "rowmajor"))
cat("\n")
