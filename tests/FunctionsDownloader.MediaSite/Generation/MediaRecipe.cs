using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FunctionsDownloader.MediaSite.Generation;

/// <summary>
/// What the local media site generates: the ffmpeg runs, the hand-written HLS master and the facts
/// tests assert on. Changing anything here changes <see cref="Fingerprint"/>, so the cache refills.
/// </summary>
internal static class MediaRecipe
{
    // Bump when the output changes for a reason the argument lists do not show.
    private const int _version = 2;

    public static readonly TimeSpan DirectDuration = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan ClipDuration = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan HlsDuration = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan DashDuration = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan LongDuration = TimeSpan.FromSeconds(24);
    public static readonly TimeSpan TinyDuration = TimeSpan.FromSeconds(1);

    public const int DirectHeight = 180;
    public const int DashHeight = 360;
    public static readonly IReadOnlyList<int> HlsHeights = [720, 360];

    public const string HtmlPageTitle = "Bars and tone from the local media site";
    public const string HtmlDocumentTitle = "Local media site";
    public const string FeedTitle = "Local media site feed";

    public const string DirectFile = "media/direct.mp4";
    public const string ClipFile = "media/clip.mp4";
    public const string LongFile = "media/long.mp4";

    /// <summary>One small file behind every item of the feeds: a playlist of hundreds costs one encode.</summary>
    public const string TinyFile = "media/tiny.mp4";
    public const string HlsMasterFile = "hls/master.m3u8";
    public const string DashManifestFile = "dash/manifest.mpd";
    public const string SubtitlesFile = "media/clip.en.vtt";
    public const string ThumbnailFile = "media/thumbnail.jpg";

    /// <summary>The language of <see cref="SubtitlesFile"/>, as the page's track names it.</summary>
    public const string SubtitlesLanguage = "en";

    // Written by hand, like the master: three cues spread over the clip's four seconds.
    public static string Subtitles { get; } = string.Join('\n',
        "WEBVTT",
        "",
        "00:00:00.000 --> 00:00:01.500",
        "Bars and tone.",
        "",
        "00:00:01.500 --> 00:00:03.000",
        "Still bars, still tone.",
        "",
        "00:00:03.000 --> 00:00:04.000",
        "The end.",
        "");

    // The master is written by hand: ffmpeg 5.1's own master gives every variant the audio
    // BANDWIDTH and lists the audio rendition a second time as a variant, so yt-dlp would show
    // two audio formats named "105-0" and "group_audio-audio_2". Here BANDWIDTH is the video
    // maxrate plus the audio bitrate, so yt-dlp names the video formats "800" (720p) and "300" (360p).
    public static string HlsMaster { get; } = string.Join('\n',
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        "#EXT-X-INDEPENDENT-SEGMENTS",
        "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"English\",LANGUAGE=\"en\","
            + "DEFAULT=YES,AUTOSELECT=YES,URI=\"audio.m3u8\"",
        HlsVariant(800_000, "1280x720", "720p.m3u8"),
        HlsVariant(300_000, "640x360", "360p.m3u8"),
        "");

    public static IReadOnlyList<FfmpegStep> Steps { get; } =
    [
        Mp4("direct", DirectFile, "testsrc2", "320x180", 440, DirectDuration),
        Mp4("clip", ClipFile, "smptebars", "320x180", 880, ClipDuration),
        Mp4(
            "long", LongFile, "testsrc2", "320x180", 330, LongDuration,
            "-b:v", "400k", "-maxrate", "400k", "-bufsize", "800k"),
        Hls(),
        Dash(),
        Mp4("tiny", TinyFile, "testsrc2", "160x90", 660, TinyDuration, "-b:v", "64k"),
        Thumbnail(),
    ];

    /// <summary>A short hash of everything above; names the cache directory.</summary>
    public static string Fingerprint { get; } = ComputeFingerprint();

    private static FfmpegStep Mp4(
        string name, string output, string pattern, string size, int tone, TimeSpan duration,
        params string[] videoRate)
    {
        string[] arguments =
        [
            .. Common(),
            .. Sources(pattern, size, tone, duration),
            "-map", "0:v", "-map", "1:a",
            .. VideoCodec(), .. videoRate, .. AudioCodec(),
            "-movflags", "+faststart", "-shortest",
            Path.GetFileName(output),
        ];
        return new FfmpegStep(name, Path.GetDirectoryName(output)!, arguments, [output]);
    }

    private static FfmpegStep Hls()
    {
        string[] arguments =
        [
            .. Common(),
            .. Sources("testsrc2", "1280x720", 550, HlsDuration),
            "-filter_complex", "[0:v]split=2[high][full];[full]scale=640:360[low]",
            "-map", "[high]", "-map", "[low]", "-map", "1:a",
            .. VideoCodec(),
            "-b:v:0", "700k", "-maxrate:v:0", "700k", "-bufsize:v:0", "1400k",
            "-b:v:1", "200k", "-maxrate:v:1", "200k", "-bufsize:v:1", "400k",
            .. AudioCodec(),
            "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod",
            "-hls_segment_filename", "%v_%03d.ts",
            "-var_stream_map", "v:0,name:720p v:1,name:360p a:0,name:audio",
            "%v.m3u8",
        ];
        return new FfmpegStep(
            "hls", "hls", arguments, ["hls/720p.m3u8", "hls/360p.m3u8", "hls/audio.m3u8"]);
    }

    // One frame of the pattern, the pages' og:image and JSON-LD thumbnail (embed_thumbnail uses it).
    private static FfmpegStep Thumbnail()
    {
        string[] arguments =
        [
            .. Common(),
            "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=1:duration=1",
            "-frames:v", "1", "-q:v", "5",
            Path.GetFileName(ThumbnailFile),
        ];
        return new FfmpegStep("thumbnail", Path.GetDirectoryName(ThumbnailFile)!, arguments, [ThumbnailFile]);
    }

    private static FfmpegStep Dash()
    {
        string[] arguments =
        [
            .. Common(),
            .. Sources("smptebars", "640x360", 660, DashDuration),
            "-map", "0:v", "-map", "1:a",
            .. VideoCodec(), .. AudioCodec(),
            "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1",
            "-adaptation_sets", "id=0,streams=v id=1,streams=a",
            Path.GetFileName(DashManifestFile),
        ];
        return new FfmpegStep("dash", "dash", arguments, [DashManifestFile]);
    }

    // CODECS lists the audio too, as the HLS spec asks; yt-dlp still marks the variant video-only
    // because it names an AUDIO group whose rendition has a URI.
    private static string HlsVariant(int bandwidth, string resolution, string uri) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},RESOLUTION={resolution},FRAME-RATE=25.000,")
        + $"CODECS=\"avc1.42c01f,mp4a.40.2\",AUDIO=\"audio\"\n{uri}";

    private static string[] Common() =>
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"];

    private static string[] Sources(string pattern, string size, int tone, TimeSpan duration)
    {
        var seconds = duration.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var hertz = tone.ToString(CultureInfo.InvariantCulture);
        return
        [
            "-f", "lavfi", "-i", $"{pattern}=size={size}:rate=25:duration={seconds}",
            "-f", "lavfi", "-i", $"sine=frequency={hertz}:sample_rate=48000:duration={seconds}",
        ];
    }

    // Baseline level 3.1 (enough for 720p at 25 fps) for every rendition keeps the CODECS string
    // in the HLS master exact; a fixed GOP of 2 s lets the 2 s HLS and DASH segments start on key
    // frames.
    private static string[] VideoCodec() =>
    [
        "-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "baseline", "-level:v", "3.1",
        "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
    ];

    private static string[] AudioCodec() => ["-c:a", "aac", "-b:a", "96k"];

    private static string ComputeFingerprint()
    {
        var text = new StringBuilder()
            .Append(_version.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(HlsMaster).Append('\n')
            .Append(Subtitles).Append('\n');
        foreach (var step in Steps)
        {
            text.Append(step.Name).Append('\n').AppendJoin('\u001f', step.Arguments).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, 6);
    }
}
