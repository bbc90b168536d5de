from disputed.cli import main

main()
