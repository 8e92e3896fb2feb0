namespace FunctionsDownloader.Jobs;

/// <summary>The outcome of <see cref="JobStore.UpdateAsync"/>: the stored record and whether this call changed it.</summary>
public sealed record JobChange(JobRecord Job, bool Applied);
