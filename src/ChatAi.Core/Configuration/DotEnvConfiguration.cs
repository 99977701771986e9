using Microsoft.Extensions.Configuration;

namespace ChatAi.Core.Configuration;

public static class DotEnvConfiguration
{
    /// <summary>
    /// Adds a <c>.env</c> file's values. Real environment variables still win, so an operator can
    /// override a file they cannot edit. <c>__</c> in a name means <c>:</c>, as for the environment.
    /// </summary>
    public static IConfigurationBuilder AddDotEnvFile(this IConfigurationBuilder configuration, string path)
    {
        if (!File.Exists(path)) return configuration;
        var values = DotNetEnv.Env.LoadMulti([path], DotNetEnv.LoadOptions.NoEnvVars())
            .Where(pair => Environment.GetEnvironmentVariable(pair.Key) is null)
            .ToDictionary(pair => pair.Key.Replace("__", ":"), pair => (string?)pair.Value);
        return configuration.AddInMemoryCollection(values);
    }
}
