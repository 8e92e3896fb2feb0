namespace FunctionsDownloader.Tests.Infrastructure;

/// <summary>The end-to-end tests share one service and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ServiceGroup : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
