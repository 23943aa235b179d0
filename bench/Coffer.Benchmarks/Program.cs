using BenchmarkDotNet.Running;

// bench/Coffer.Benchmarks/bin/Release/net10.0/Coffer.Benchmarks --filter '*' [--job short] [--inProcess]   (docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Coffer.Benchmarks.EnvelopeBenchmarks).Assembly).Run(args);
