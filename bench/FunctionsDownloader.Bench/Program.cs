using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using CliWrap;
using CliWrap.Buffered;
using FunctionsDownloader.Bench.Hosting;
using FunctionsDownloader.Bench.Inputs;
using FunctionsDownloader.Bench.Reporting;
using FunctionsDownloader.Bench.Scenarios;
using FunctionsDownloader.MediaSite;
using FunctionsDownloader.Testing;
using Microsoft.Extensions.Configuration;

// The benchmark: the service against the bare tools on the same inputs, in one run. See
// docs/performance.md; bench/run.sh builds what it needs and runs this.
//   --quick            one run per case and shorter polling (a smoke test of the harness, not figures)
//   --cache DIR        where the generated inputs are kept (default ~/.cache/functionsdownloader/bench)
//   --results DIR      where latest.md and latest.json go (default bench/results)
//   --only a,b,c       run only these scenarios (d comes with a)
//   --load-before-build  the load average run.sh read before it built, for the record
bool quick = args.Contains("--quick", StringComparer.Ordinal);
IConfiguration configuration = new ConfigurationBuilder()
    .AddCommandLine([.. args.Where(a => a != "--quick")])
    .Build();
string cacheRoot = configuration["cache"] ?? Path.Combine(
    Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
        ? xdg
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
    "functionsdownloader",
    "bench");
string resultsDirectory = configuration["results"] ?? RepositoryPaths.Combine("bench", "results");
string[] only = (configuration["only"] ?? "a,b,c")
    .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
string work = Directory.CreateDirectory(
    Path.Combine(Path.GetTempPath(), "fd-bench-" + Guid.NewGuid().ToString("N")[..8])).FullName;

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(14));
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
CancellationToken cancellationToken = stop.Token;
var clock = Stopwatch.StartNew();
var report = new BenchReport();

try
{
    report.Facts["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
    if (configuration["load-before-build"] is { Length: > 0 } before)
    {
        report.Facts["load average before run.sh built (1, 5, 15 min)"] = before;
    }

    report.Facts["load average at start (1, 5, 15 min)"] = LoadAverage();
    report.Facts["mode"] = (quick ? "quick (one run per case: not for the record)" : "full") +
        (only.Length < 3 ? ", scenarios " + string.Join(",", only) : "");
    report.Facts["commit"] = await FirstLineAsync("git", ["-C", RepositoryPaths.Root, "rev-parse", "--short", "HEAD"]);
    report.Facts["yt-dlp"] = await FirstLineAsync("yt-dlp", ["--version"]);
    report.Facts["ffmpeg"] = await FirstLineAsync("ffmpeg", ["-hide_banner", "-version"]);
    report.Facts["host"] = "Standalone host (Release) as its own process, default settings except storage, keys, " +
        "work root, task hub and the loopback allowance for the media site";
    Console.WriteLine($"bench: {report.Facts["cores"]} cores, load average {LoadAverage()}");

    InputSet inputs = await InputGenerator.EnsureAsync(
        cacheRoot, line => Console.WriteLine("bench: " + line), cancellationToken);
    foreach (string input in new[] { InputSet.Direct50, InputSet.Direct500, InputSet.HlsMaster })
    {
        report.Facts["input " + input] =
            string.Create(CultureInfo.InvariantCulture, $"{inputs.SizeOf(input) / 1e6:0.0} MB");
    }

    report.Facts["input batch"] = string.Create(
        CultureInfo.InvariantCulture,
        $"{inputs.BatchFiles.Count} files, {inputs.BatchFiles.Sum(inputs.SizeOf) / 1e6:0.0} MB in all");

    await using AzuriteServer azurite = await AzuriteServer.StartAsync(cancellationToken);
    await using LocalMediaSite site = await LocalMediaSite.StartAsync(
        new LocalMediaSiteOptions { ExtraDirectory = inputs.Directory }, cancellationToken);
    string adminKey = "bench-admin-" + Guid.NewGuid().ToString("N");
    var settings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Auth:Mode"] = "keys",
        ["Auth:AdminKey"] = adminKey,
        ["Downloader:AllowPrivateHosts"] = site.BaseUri.Host,
        ["Downloader:WorkRoot"] = Path.Combine(work, "host"),
        ["DurableTask:HubName"] = "bench" + Guid.NewGuid().ToString("N")[..10],
        ["Logging:LogLevel:Default"] = "Warning",
    };
    Console.WriteLine("bench: starting Azurite, the media site and the Standalone host");
    await using StandaloneHost host =
        await StandaloneHost.StartAsync(settings, Path.Combine(work, "host.log"), cancellationToken);

    using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
    http.DefaultRequestHeaders.Add("X-API-Key", adminKey);
    var blobs = new BlobServiceClient(azurite.ConnectionString);
    BlobContainerClient baseline = blobs.GetBlobContainerClient("bench-baseline");
    await baseline.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    var context = new BenchContext(
        inputs,
        site,
        host,
        new ServiceApi(http),
        new BareTools(baseline, work),
        blobs.GetBlobContainerClient("results"),
        new TableClient(azurite.ConnectionString, "fdjobs"),
        report);

    // The first job of a fresh host pays for JIT, table creation and yt-dlp's capability probe.
    Console.WriteLine("bench: warming up");
    string warmJob = await context.Api.CreateDownloadAsync(site.DirectMp4, cancellationToken);
    await context.Api.WaitForJobAsync(warmJob, TimeSpan.FromMinutes(2), cancellationToken);
    await context.Bare.DownloadAndUploadAsync(site.DirectMp4, cancellationToken);

    string completedJob = warmJob;
    if (only.Contains("a"))
    {
        Console.WriteLine("bench: (a) single jobs and (d) memory");
        completedJob = await SingleJobScenario.RunAsync(context, quick, cancellationToken);
    }

    if (only.Contains("b"))
    {
        Console.WriteLine("bench: (b) batch");
        await BatchScenario.RunAsync(context, quick, cancellationToken);
    }

    if (only.Contains("c"))
    {
        Console.WriteLine("bench: (c) polling latency");
        await PollingScenario.RunAsync(context, completedJob, quick, cancellationToken);
    }

    report.Facts["load average at end (1, 5, 15 min)"] = LoadAverage();
    report.Facts["elapsed"] = string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMinutes:0.0} min");
    await report.WriteAsync(resultsDirectory, CancellationToken.None);
    Console.WriteLine();
    Console.WriteLine(report.ToMarkdown());
    int missed = report.Figures.Count(f => f.Met == false);
    int met = report.Figures.Count(f => f.Met == true);
    Console.WriteLine($"bench: {met} targets met, {missed} missed; written to {resultsDirectory}");
    return 0;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync($"bench: stopped after {clock.Elapsed.TotalMinutes:0.0} min; nothing written.");
    return 2;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // The host may still hold a file for a moment; the temp folder gets cleaned eventually.
    }
}

static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

static async Task<string> FirstLineAsync(string tool, string[] arguments)
{
    BufferedCommandResult result = await Cli.Wrap(tool)
        .WithArguments(arguments)
        .WithValidation(CommandResultValidation.None)
        .ExecuteBufferedAsync();
    return result.StandardOutput.Split('\n')[0].Trim();
}
