enum _PlaceholderBallastTestKit {}
