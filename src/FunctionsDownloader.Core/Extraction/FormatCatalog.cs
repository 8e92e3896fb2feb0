using FunctionsDownloader.Downloads;

namespace FunctionsDownloader.Extraction;

/// <summary>
/// Sorts a site's formats into combined, video-only and audio-only, and picks formats the way the
/// service's own yt-dlp selection would: the best video (at or under a height cap, else the
/// smallest above it) with the best audio when the video has none. <see cref="ExtractedMedia"/>
/// lists formats worst first, so "best" is the last that fits. The picks are for answers and
/// progress weights only; downloads still let yt-dlp select, with the selector
/// <see cref="Media.FormatPlan"/> builds.
/// </summary>
public static class FormatCatalog
{
    /// <summary>Formats with video and audio (or codecs yt-dlp does not know), best first.</summary>
    public static IReadOnlyList<FormatInfo> Combined(ExtractedMedia media) => BestFirst(media, f => f.IsCombined);

    /// <summary>Formats with video and no audio, best first.</summary>
    public static IReadOnlyList<FormatInfo> VideoOnly(ExtractedMedia media) => BestFirst(media, f => f.IsVideoOnly);

    /// <summary>Formats with audio and no video, best first.</summary>
    public static IReadOnlyList<FormatInfo> AudioOnly(ExtractedMedia media) => BestFirst(media, f => f.IsAudioOnly);

    /// <summary>The best format with video, or <c>null</c>.</summary>
    public static FormatInfo? BestVideo(ExtractedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Formats.LastOrDefault(f => f.IsVideoOnly || f.IsCombined);
    }

    /// <summary>The best audio-only format, or <c>null</c>.</summary>
    public static FormatInfo? BestAudio(ExtractedMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Formats.LastOrDefault(f => f.IsAudioOnly);
    }

    /// <summary>What a download with the default options takes, as a <c>format_id</c> (<c>800+audio</c>).</summary>
    public static string? Recommended(ExtractedMedia media) =>
        Choose(media, new DownloadOptions()) is { Parts.Count: > 0 } choice ? choice.FormatId : null;

    /// <summary>The formats a download with <paramref name="options"/> takes; no parts when none fits.</summary>
    public static FormatChoice Choose(ExtractedMedia media, DownloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(options);

        if (options.FormatId is string formatId)
        {
            FormatInfo?[] named = [.. formatId.Split('+').Select(media.Format)];
            if (named.Any(f => f is null))
            {
                return new FormatChoice([]);
            }

            FormatInfo first = named[0]!;
            return named.Length == 1 && first.IsVideoOnly && !options.AudioOnly && BestAudio(media) is { } audio
                ? new FormatChoice([first, audio])
                : new FormatChoice([.. named.OfType<FormatInfo>()]);
        }

        bool worst = options.Quality == QualityPreset.Worst;
        if (options.AudioOnly)
        {
            FormatInfo? audio = Pick(media.Formats.Where(f => f.IsAudioOnly), worst)
                ?? Pick(media.Formats.Where(f => f.IsCombined), worst);
            return new FormatChoice(audio is null ? [] : [audio]);
        }

        FormatInfo? video = PickVideo(media, options.Quality, worst);
        if (video is null)
        {
            FormatInfo? audioOnly = Pick(media.Formats.Where(f => f.IsAudioOnly), worst);
            return new FormatChoice(audioOnly is null ? [] : [audioOnly]);
        }

        FormatInfo? sound = video.IsVideoOnly ? Pick(media.Formats.Where(f => f.IsAudioOnly), worst) : null;
        return new FormatChoice(sound is null ? [video] : [video, sound]);
    }

    private static FormatInfo? PickVideo(ExtractedMedia media, string quality, bool worst)
    {
        FormatInfo[] videos = [.. media.Formats.Where(f => f.IsVideoOnly || f.IsCombined)];
        if (QualityPreset.MaxHeight(quality) is not int cap)
        {
            return Pick(videos, worst);
        }

        // Like yt-dlp's "-S res:N": the largest height at or under the cap, else the smallest above
        // it; among formats of that height, the best.
        int[] heights = [.. videos.Select(f => f.Height).OfType<int>()];
        int? target = heights.Where(h => h <= cap).Select(h => (int?)h).Max()
            ?? heights.Where(h => h > cap).Select(h => (int?)h).Min();
        return target is int height ? videos.Last(f => f.Height == height) : Pick(videos, worst);
    }

    private static FormatInfo? Pick(IEnumerable<FormatInfo> formats, bool worst) =>
        worst ? formats.FirstOrDefault() : formats.LastOrDefault();

    private static FormatInfo[] BestFirst(ExtractedMedia media, Func<FormatInfo, bool> kind)
    {
        ArgumentNullException.ThrowIfNull(media);
        return [.. media.Formats.Where(kind).Reverse()];
    }
}
