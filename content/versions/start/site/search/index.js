visieSearch.load("index",{"chunks":["0"],"sections":18,"stemmer":"dutch","version":1});
