enum _PlaceholderBallastConfig {}
