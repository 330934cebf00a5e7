visieSearch.load("index",{"chunks":["0","meest"],"sections":51,"stemmer":"dutch","version":1});
