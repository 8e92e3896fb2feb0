namespace FunctionsDownloader.Downloads;

/// <summary>The quality presets callers may ask for, and the height each one caps.</summary>
public static class QualityPreset
{
    public const string Best = "best";
    public const string Worst = "worst";

    /// <summary>Every accepted preset, in the order the contract lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Best, "2160p", "1440p", "1080p", "720p", "480p", "360p", Worst];

    /// <summary>The height a preset caps, or <c>null</c> for <c>best</c> and <c>worst</c>.</summary>
    public static int? MaxHeight(string preset) => preset switch
    {
        "2160p" => 2160,
        "1440p" => 1440,
        "1080p" => 1080,
        "720p" => 720,
        "480p" => 480,
        "360p" => 360,
        _ => null,
    };
}
