namespace FunctionsDownloader.MediaSite.Generation;

/// <summary>One ffmpeg run of the generation recipe and the files it must leave behind.</summary>
/// <param name="Name">A short name used in error messages.</param>
/// <param name="Directory">The sub-directory (relative to the media root) ffmpeg runs in.</param>
/// <param name="Arguments">The ffmpeg argument list, passed as is (no shell).</param>
/// <param name="Outputs">Files, relative to the media root, that must exist after the run.</param>
internal sealed record FfmpegStep(
    string Name,
    string Directory,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Outputs);
