"""Orchestration: one lint run (engine); what it takes from and gives back to the cache
(incremental); the analysis of what the cache cannot answer (analyse); CPython's syntax checks
(syntax); the report collected (collect); the on-disk cache (cache, keys); work forked beside the
run (background); the cyclic GC held off until the analysis starts (collector)."""
