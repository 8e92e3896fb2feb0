namespace FunctionsDownloader.Security;

/// <summary>Request limits per API key (or per client address where keys are off), section <c>RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>Whether limits are enforced at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Creating single downloads.</summary>
    public RateLimitWindow Download { get; set; } = new() { PerSecond = 2, PerMinute = 10 };

    /// <summary>Creating playlist and channel downloads.</summary>
    public RateLimitWindow Playlist { get; set; } = new() { PerSecond = 1, PerMinute = 5 };

    /// <summary>Creating batches.</summary>
    public RateLimitWindow Batch { get; set; } = new() { PerSecond = 1, PerMinute = 3 };

    /// <summary>The limits of a route category.</summary>
    public RateLimitWindow For(string category) => category switch
    {
        RateLimitCategory.Download => Download,
        RateLimitCategory.Playlist => Playlist,
        RateLimitCategory.Batch => Batch,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown rate-limit category."),
    };
}

/// <summary>How many requests a second and a minute allow.</summary>
public sealed class RateLimitWindow
{
    public int PerSecond { get; set; }
    public int PerMinute { get; set; }
}
