namespace FunctionsDownloader.Media;

/// <summary>What ffprobe found in a file.</summary>
public sealed record ProbeResult(string FormatName, double? Duration, IReadOnlyList<MediaStreamInfo> Streams)
{
    /// <summary>Whether the file has a video stream (cover art does not count).</summary>
    public bool HasVideo => Streams.Any(s => s.CodecType == "video" && !s.IsAttachedPicture);

    /// <summary>Whether the file has an audio stream.</summary>
    public bool HasAudio => Streams.Any(s => s.CodecType == "audio");
}

/// <summary>One stream of a probed file.</summary>
public sealed record MediaStreamInfo(string CodecType, string CodecName, int? Width, int? Height, bool IsAttachedPicture)
{
    /// <summary>How many frames the container's index promises, where it says.</summary>
    public long? DeclaredFrames { get; init; }

    /// <summary>How many packets ffprobe could actually read from the file.</summary>
    public long? ReadPackets { get; init; }
}
