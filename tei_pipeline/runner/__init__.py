"""How a build's documents are run: one process, a pool of processes on this
machine (executor.py), or a Dask cluster (cluster.py); and which of them need
running at all (incremental.py). Every way gives the same results in the same
order: each document is converted on its own, the run-wide problems are kept
for the first document (in build order) that met them."""
