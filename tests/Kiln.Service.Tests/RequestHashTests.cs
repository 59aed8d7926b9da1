using Kiln.Service.Requests;

namespace Kiln.Service.Tests;

/// <summary>The request hash is ASU's: the hashes ASU's own tests expect for the same requests.</summary>
public sealed class RequestHashTests
{
    [Theory]
    // ASU's tests/test_api.py, test_api_build_request_hash: the package order does not change the hash.
    [InlineData(true, new[] { "test1", "zzz", "test2", "aaa" }, "1c4a79c6b711a576996cf9a5e7046a4581008c4466574096266f0e6ea4208fbc")]
    [InlineData(true, new[] { "aaa", "test1", "test2", "zzz" }, "1c4a79c6b711a576996cf9a5e7046a4581008c4466574096266f0e6ea4208fbc")]
    [InlineData(false, new[] { "test1", "zzz", "test2", "aaa" }, "c5a849e05b60611b465042594fc3489a44f7695c3d09e36433a577ee772ad7b7")]
    [InlineData(false, new[] { "aaa", "test1", "test2", "zzz" }, "c5a849e05b60611b465042594fc3489a44f7695c3d09e36433a577ee772ad7b7")]
    public void TheHashIsAsusForTheSameRequest(bool diffPackages, string[] packages, string expected)
    {
        var body = $$"""{"version":"1.2.3","target":"testtarget/testsubtarget","profile":"testprofile","diff_packages":{{(diffPackages ? "true" : "false")}},"packages":[{{string.Join(',', packages.Select(p => $"\"{p}\""))}}]}""";
        var (request, problem) = BuildRequestReader.Read(System.Text.Encoding.UTF8.GetBytes(body), new ServiceLimits());
        Assert.Null(problem);
        Assert.Equal(expected, RequestHash.Of(request!));
    }
}
