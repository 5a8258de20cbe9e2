-- wrk script: POST a new saved filter per request (distinct names), JSON body.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
    counter = counter + 1
    local body = string.format(
        '{"resource":"customers","name":"bench %d-%d","query":"status=active&sort=name"}',
        math.random(1, 1000000000), counter)
    return wrk.format(nil, nil, nil, body)
end
