namespace FunctionsDownloader.Batches;

/// <summary>The states of a batch's zip archive.</summary>
public static class ArchiveStatus
{
    /// <summary>Asked for; the items are still running.</summary>
    public const string Pending = "pending";

    /// <summary>Being written.</summary>
    public const string Building = "building";

    /// <summary>Stored; the batch shows its link.</summary>
    public const string Completed = "completed";

    /// <summary>No item completed, so there is nothing to put in it.</summary>
    public const string Empty = "empty";

    /// <summary>Writing it failed.</summary>
    public const string Failed = "failed";

    /// <summary>The batch was cancelled before the archive was stored: none will be.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Deleted at its deletion time.</summary>
    public const string Expired = "expired";

    /// <summary>The only archive format there is.</summary>
    public const string Zip = "zip";
}
