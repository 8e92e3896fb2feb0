using System.Globalization;
using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Media;

/// <summary>
/// The yt-dlp format selection and post-processing flags for validated options. The service
/// builds every selector itself; nothing a caller sends reaches yt-dlp's command line as text
/// except values whose every character was checked (format ids, language codes, clip times).
/// </summary>
public sealed record FormatPlan(IReadOnlyList<string> SelectionArguments, IReadOnlyList<string> PostprocessingArguments)
{
    /// <summary>The plan for <paramref name="options"/>.</summary>
    public static FormatPlan For(DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        List<string> selection = ["-f", Selector(options), "-S", Sort(options)];
        var postprocessing = new List<string>();
        if (options.AudioOnly)
        {
            postprocessing.AddRange(["--extract-audio", "--audio-format", options.AudioFormat, "--audio-quality", "0"]);
        }
        else if (options.VideoFormat == "webm")
        {
            // webm only holds VP8/VP9/AV1 with Vorbis/Opus, so other codecs are merged into mkv first
            // and re-encoded into webm; yt-dlp leaves a file that already fits alone.
            postprocessing.AddRange(["--merge-output-format", "webm/mkv", "--recode-video", "webm"]);
        }
        else
        {
            // mp4 and mkv take the streams as they are: a remux, never a re-encode.
            postprocessing.AddRange(
                ["--merge-output-format", options.VideoFormat, "--remux-video", options.VideoFormat]);
        }

        if (options.EmbedSubtitles && options.Subtitles.Count > 0)
        {
            // Each code was checked to be letters, digits and inner hyphens: a literal to yt-dlp's pattern.
            postprocessing.AddRange(
            [
                "--write-subs", "--write-auto-subs", "--sub-langs", string.Join(',', options.Subtitles), "--embed-subs",
            ]);
        }

        if (options.EmbedThumbnail)
        {
            postprocessing.Add("--embed-thumbnail");
        }

        if (options.EmbedMetadata)
        {
            postprocessing.Add("--embed-metadata");
        }

        if (options.IsClip)
        {
            // An open end is written as the latest time accepted: yt-dlp 2023.03.04 hands ffmpeg
            // "-t inf" for "*start-inf" when it does not know the duration, and ffmpeg refuses it.
            // Keyframes at the cuts re-encode the clip, so it starts and ends where asked rather
            // than at the nearest keyframe.
            string start = ClipTime.Format(options.StartTime ?? 0);
            string end = ClipTime.Format(options.EndTime ?? ClipTime.MaxSeconds);
            postprocessing.AddRange(["--download-sections", $"*{start}-{end}", "--force-keyframes-at-cuts"]);
        }

        return new FormatPlan(selection, postprocessing);
    }

    private static string Selector(DownloadOptions options)
    {
        if (options.FormatId is string formatId)
        {
            // "b*[format_id=X]" selects exactly the format with that id, even one named like a
            // selector keyword or an extension ("mp4", "best"), which a bare "-f X" would not.
            string[] ids = formatId.Split('+');
            string exact = string.Join('+', ids.Select(id => $"b*[format_id={id}]"));
            return options.AudioOnly || ids.Length > 1 ? exact : $"{exact}+ba/{exact}";
        }

        if (options.AudioOnly)
        {
            return options.Quality == QualityPreset.Worst ? "wa/w" : "ba/b";
        }

        return options.Quality == QualityPreset.Worst ? "wv*+wa/w" : "bv*+ba/b";
    }

    private static string Sort(DownloadOptions options)
    {
        if (options.AudioOnly)
        {
            return options.AudioFormat switch
            {
                "m4a" => "ext:m4a",
                "opus" => "acodec:opus",
                _ => "abr",
            };
        }

        // Resolution first, so that "best" is the largest picture whatever its container (and
        // "res:720" the largest not above 720, else the smallest above it when the site has nothing
        // that small); among equals, the container that needs no re-encoding.
        var sort = new List<string>
        {
            QualityPreset.MaxHeight(options.Quality) is int height
                ? "res:" + height.ToString(CultureInfo.InvariantCulture)
                : "res",
        };
        sort.Add(options.VideoFormat switch
        {
            "mp4" => "ext:mp4:m4a",
            "webm" => "ext:webm:webm",
            _ => "ext",
        });
        return string.Join(',', sort);
    }
}
