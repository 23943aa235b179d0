using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Coffer.Benchmarks -- --filter '*' [--job short]   (see docs/performance.md)
BenchmarkSwitcher.FromAssembly(typeof(Coffer.Benchmarks.EnvelopeBenchmarks).Assembly).Run(args);
