using System.Net;

namespace FunctionsDownloader.MediaSite;

/// <summary>How <see cref="LocalMediaSite.StartAsync"/> generates and serves its media.</summary>
public sealed class LocalMediaSiteOptions
{
    /// <summary>The address Kestrel listens on; loopback by default.</summary>
    public IPAddress ListenAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The port Kestrel listens on; 0 (the default) picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The ffmpeg executable: a path, or a name looked up on PATH.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>
    /// Where generated media is cached, one sub-directory per generation recipe. The default, under
    /// the temp directory, is shared by every test run on the machine.
    /// </summary>
    public string CacheRoot { get; init; } =
        Path.Combine(Path.GetTempPath(), "functionsdownloader-mediasite");

    /// <summary>The rate of everything served under <c>/slow/</c>, in bytes per second.</summary>
    public int SlowBytesPerSecond { get; init; } = 128 * 1024;

    /// <summary>
    /// A directory of files made elsewhere (the benchmark's large inputs) to serve as well, under
    /// <c>/extra/</c> like the generated media: ranges included, HLS and DASH types named.
    /// </summary>
    public string? ExtraDirectory { get; init; }

    /// <summary>Adds log providers; without it the site logs nothing.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
