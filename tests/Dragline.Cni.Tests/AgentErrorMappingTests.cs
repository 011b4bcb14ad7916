using Dragline.Cni.Agent;

namespace Dragline.Cni.Tests;

public sealed class AgentErrorMappingTests
{
    [Theory]
    [InlineData(AgentErrorCodes.InvalidRequest, 400, CniErrorCode.InvalidNetworkConfig)]
    [InlineData(AgentErrorCodes.PoolExhausted, 507, CniErrorCode.PoolExhausted)]
    [InlineData(AgentErrorCodes.Conflict, 409, CniErrorCode.TryAgainLater)]
    [InlineData(AgentErrorCodes.Unavailable, 503, CniErrorCode.TryAgainLater)]
    [InlineData(AgentErrorCodes.NotFound, 404, CniErrorCode.AgentRejected)]
    [InlineData(AgentErrorCodes.Forbidden, 403, CniErrorCode.AgentRejected)]
    [InlineData(AgentErrorCodes.Internal, 500, CniErrorCode.AgentRejected)]
    [InlineData(null, 503, CniErrorCode.TryAgainLater)]
    [InlineData(null, 429, CniErrorCode.TryAgainLater)]
    [InlineData(null, 400, CniErrorCode.InvalidNetworkConfig)]
    [InlineData("SomethingNew", 507, CniErrorCode.PoolExhausted)]
    [InlineData("SomethingNew", 500, CniErrorCode.AgentRejected)]
    public void Agent_errors_map_to_cni_codes(string? agentCode, int status, CniErrorCode expected)
    {
        Assert.Equal(expected, AgentClient.CniCodeFor(agentCode, status));
    }
}
