using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using FunctionsDownloader.MediaSite;

// Serves the local media site by hand, for the README example and for poking at with yt-dlp:
//   dotnet run --project tests/FunctionsDownloader.MediaSite -- --urls http://127.0.0.1:8089
var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var urls = configuration["urls"] ?? "http://127.0.0.1:8089";
if (!Uri.TryCreate(urls, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp)
{
    await Console.Error.WriteLineAsync(
        $"'{urls}' is not an http URL. Pass one address, " +
        "for example --urls http://127.0.0.1:8089.");
    return 2;
}

var address = listen.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(listen.DnsSafeHost);
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

Console.WriteLine("Generating media with ffmpeg (cached after the first run)...");
LocalMediaSite site;
try
{
    site = await LocalMediaSite.StartAsync(
        new LocalMediaSiteOptions
        {
            ListenAddress = address,
            Port = listen.Port,
            ConfigureLogging = logging =>
                logging.AddSimpleConsole(console => console.SingleLine = true),
        },
        stop.Token);
}
catch (OperationCanceledException)
{
    return 130;
}
catch (MediaGenerationException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 1;
}

await using var disposeSite = site;

var inputs = new (string Name, Uri Url)[]
{
    ("direct mp4", site.DirectMp4),
    ("html page", site.HtmlPage),
    ("watch page", site.WatchPage),
    ("odd title", site.TitledPage("emoji")),
    ("hls master", site.HlsMaster),
    ("dash manifest", site.DashManifest),
    ("rss feed", site.Feed),
    ("playlist feed", site.PlaylistFeed),
    ("large feed", site.LargeFeed),
    ("channel feed", site.ChannelFeed),
    ("several videos", site.SeveralVideosPage),
    ("404", site.NotFound),
    ("stall", site.Stall),
    ("truncated", site.Truncated),
    ("redirect", site.Redirect),
    ("slow mp4", site.SlowMp4),
    ("webhooks", site.WebhookReceiver),
};
var origin = site.ReusedCachedMedia
    ? "cached"
    : string.Create(
        CultureInfo.InvariantCulture, $"generated in {site.GenerationTime.TotalSeconds:0.0} s");
Console.WriteLine($"Serving {site.MediaDirectory} ({origin}) on {site.BaseUri}:");
foreach (var (name, url) in inputs)
{
    Console.WriteLine($"  {name,-14} {url}");
}

Console.WriteLine("Press Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
