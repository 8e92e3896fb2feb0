using FunctionsDownloader.Errors;
using FunctionsDownloader.Extraction;

namespace FunctionsDownloader.Downloads;

/// <summary>
/// The checks of a download's options that need to know the site: a <c>format_id</c> must be one
/// it offers (and carry audio for an audio download), and a clip must lie within the media's
/// duration where the site states one. At submit time a <c>format_id</c> is checked by extracting
/// (the extraction cache then spares the job's resolve step), a clip only against what the cache
/// already holds; <see cref="ResolveMediaActivity"/> checks both again with what it resolves.
/// </summary>
public sealed class DownloadSiteChecks(MediaExtractor extractor)
{
    /// <summary>
    /// Durations sites state are rounded (to whole seconds, often), so a clip may end this much past
    /// them; yt-dlp allows the same slack.
    /// </summary>
    public const double DurationSlackSeconds = 1;

    /// <summary>Checks <paramref name="options"/> for <paramref name="url"/> as far as the site is known.</summary>
    /// <exception cref="InvalidRequestException">The format is not offered, or the clip lies past the end.</exception>
    /// <exception cref="MediaToolException">Extracting the site, to check a format id, failed.</exception>
    public async Task CheckAsync(Uri url, DownloadOptions options, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);

        ExtractedMedia? media = options.FormatId is not null
            ? await extractor.GetAsync(url, owner, options.CookiesId, cancellationToken)
            : options.IsClip
                ? await extractor.FindAsync(url, owner, options.CookiesId, cancellationToken)
                : null;
        if (media is null || media.IsPlaylist)
        {
            return;
        }

        if (FormatProblem(media, options) is string format)
        {
            throw new InvalidRequestException("format_id", format);
        }

        if (ClipProblem(media.Metadata.Duration, options) is (string field, string clip))
        {
            throw new InvalidRequestException(field, clip);
        }
    }

    /// <summary>Why the format id in <paramref name="options"/> does not fit <paramref name="media"/>, if so.</summary>
    public static string? FormatProblem(ExtractedMedia media, DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FormatId is not string formatId)
        {
            return null;
        }

        string[] ids = formatId.Split('+');
        if (ids.FirstOrDefault(id => media.Format(id) is null) is string missing)
        {
            return $"The site does not offer format '{missing}'; GET /api/v1/formats lists the ones it does.";
        }

        FormatInfo first = media.Format(ids[0])!;
        FormatInfo? second = ids.Length == 2 ? media.Format(ids[1]) : null;
        if (second is not null && (first.IsAudioOnly || !second.HasAudio || second.IsVideoOnly))
        {
            return $"In '{formatId}' the first format must carry the video and the second the audio.";
        }

        return options.AudioOnly && !first.HasAudio
            ? $"Format '{formatId}' has no audio; an audio download needs an audio-only or combined format."
            : null;
    }

    /// <summary>Which clip time lies past <paramref name="duration"/> (when known), and why; or <c>null</c>.</summary>
    public static (string Field, string Message)? ClipProblem(double? duration, DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (duration is not double length || !options.IsClip)
        {
            return null;
        }

        if (options.StartTime is double start && start >= length)
        {
            return ("start_time",
                $"'start_time' ({ClipTime.Describe(start)}) is at or past the end of the media " +
                $"({ClipTime.Describe(length)}).");
        }

        if (options.EndTime is double end && end > length + DurationSlackSeconds)
        {
            return ("end_time",
                $"'end_time' ({ClipTime.Describe(end)}) is past the end of the media ({ClipTime.Describe(length)}).");
        }

        return null;
    }
}
