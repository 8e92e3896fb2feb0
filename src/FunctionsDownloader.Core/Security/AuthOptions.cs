namespace FunctionsDownloader.Security;

/// <summary>Settings of the key check (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Auth";

    /// <summary>Keys are required (the default and the only production mode).</summary>
    public const string KeysMode = "keys";

    /// <summary>No keys at all: local development only, announced loudly at start-up.</summary>
    public const string NoneMode = "none";

    /// <summary><c>keys</c> or <c>none</c>.</summary>
    public string Mode { get; set; } = KeysMode;

    /// <summary>The admin key: accepted on every route, creates and revokes the other keys.</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>How long a checked key is trusted before it is looked up again (a revoked key stops within this time).</summary>
    public int KeyCacheSeconds { get; set; } = 30;

    /// <summary>Whether keys are switched off.</summary>
    public bool IsDisabled => string.Equals(Mode, NoneMode, StringComparison.OrdinalIgnoreCase);
}
